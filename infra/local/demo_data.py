"""Demo data for `make run` (and the browser tests): outlets, staff, customers, orders.

Orders are walked through the real use cases (services), so every order has a genuine
timeline; a replaced clock spreads them over the last weeks.
"""

from __future__ import annotations

DEMO_PASSWORD = "Fuwu#Demo2026"  # local moto only; never an AWS credential

OUTLETS = [
    # code, name, English name, city, lat, lng, number prefix, head office
    ("SZ", "深圳服务站", "Shenzhen Service Station", "深圳", 22.5431, 114.0579, "SZ", False),
    ("CD", "成都服务站", "Chengdu Service Station", "成都", 30.5728, 104.0668, "CD", False),
    ("HQ", "总部企管室", "Head Office", "北京", 39.9042, 116.4074, "HQ", True),
]
# how customers reach each outlet (the service report's header): phone, address
OUTLET_CONTACTS = {
    "SZ": ("0755-8888 6001", "深圳市南山区科技园科发路 8 号"),
    "CD": ("028-8666 5002", "成都市高新区天府大道中段 1268 号"),
    "HQ": ("010-6555 0001", "北京市朝阳区建国路 88 号"),
}

STAFF = [
    # username, name, role, outlet, star level, phone
    ("sz_agent", "李娜", "agent", "SZ", None, "13800000001"),
    ("sz_manager", "王强", "manager", "SZ", None, "13800000002"),
    ("sz_support", "陈志远", "support", "SZ", None, "13800000003"),
    ("sz_tech1", "张伟", "technician", "SZ", 4, "13800000004"),
    ("sz_tech2", "刘洋", "technician", "SZ", 3, "13800000005"),
    ("sz_tech3", "黄海", "technician", "SZ", 2, "13800000006"),
    ("sz_warehouse", "赵敏", "warehouse", "SZ", None, "13800000007"),
    ("cd_agent", "杨雪", "agent", "CD", None, "13900000001"),
    ("cd_manager", "周斌", "manager", "CD", None, "13900000002"),
    ("cd_support", "吴涛", "support", "CD", None, "13900000003"),
    ("cd_tech1", "郑浩", "technician", "CD", 5, "13900000004"),
    ("cd_tech2", "孙磊", "technician", "CD", 3, "13900000005"),
    ("cd_warehouse", "何静", "warehouse", "CD", None, "13900000006"),
    ("hq_admin", "林总", "head_office", "HQ", None, "13700000001"),
]

COMPANIES = [
    "华南精密制造有限公司", "鹏城电子科技有限公司", "前海物流园区", "南山区人民医院", "宝安国际会展中心",
    "龙岗智能装备厂", "福田中心商务大厦", "盐田港集装箱码头", "光明新区水务集团", "坪山新能源汽车厂",
    "罗湖万象购物中心", "深圳湾科技园", "大鹏湾度假酒店", "观澜高尔夫俱乐部", "蛇口邮轮母港",
    "天府软件园", "成都双流国际机场", "锦江宾馆", "西南交通大学", "高新区数据中心",
    "青羊区中医院", "温江农业机械合作社", "龙泉驿汽车城", "都江堰水务局", "郫都食品加工厂",
    "成华区体育中心", "新津物流港", "金牛万达广场", "武侯电子市场", "彭州石化基地",
]
EQUIPMENT_MODELS = [
    ("中央空调主机 YK-300", "空调"), ("螺杆冷水机组 LSBLG-500", "空调"),
    ("柴油发电机组 GF-200", "动力"), ("安防监控主机 DS-9600", "安防"),
    ("门禁控制器 AC-4000", "安防"), ("拖拉机 LX-904", "农机"),
    ("联合收割机 4LZ-6", "农机"), ("精密空调 CRAC-80", "空调"),
]

# The parts catalogue (备品配件目录): code, name, spec, unit, list price 元, cost 元, expensive,
# supplier, models it fits, component groups; then SZ's and CD's stock (on hand, reorder point,
# maximum, bin). Prices in 元 here, stored as fen.
PARTS = [
    ("QDJ-4LZ6", "启动机", "QD2612 24V 5.5kW", "台", 1680, 1120, False, "锦州汉拿电机",
     ["联合收割机 4LZ-6", "拖拉机 LX-904"], ["启动机"]),
    ("FDJ-4LZ6", "发电机", "JF2518 28V 1.5kW", "台", 980, 640, False, "锦州汉拿电机",
     ["联合收割机 4LZ-6", "拖拉机 LX-904"], ["发电机"]),
    ("PYB-YC6", "喷油泵总成", "BH6P120 玉柴6缸", "套", 4800, 3600, True, "无锡威孚",
     ["联合收割机 4LZ-6"], ["发动机"]),
    ("BSX-KT4LZ", "变速箱壳体", "4LZ-6.0 铸铁", "件", 2600, 1850, False, "潍坊华源",
     ["联合收割机 4LZ-6"], ["变速箱壳体"]),
    ("GT-CD4LZ", "割台传动箱", "4LZ-6 割台", "件", 1450, 980, False, "潍坊华源",
     ["联合收割机 4LZ-6"], ["割台"]),
    ("LQ-DP430", "离合器压盘", "Φ430 拉式", "件", 520, 360, False, "长春一东",
     ["拖拉机 LX-904", "联合收割机 4LZ-6"], ["离合器"]),
    ("YYB-CBN", "液压齿轮泵", "CBN-E316", "台", 760, 510, False, "合肥长源液压",
     ["拖拉机 LX-904", "联合收割机 4LZ-6"], ["液压系统"]),
    ("KZF-DL3", "多路控制阀", "DL-L15 三联", "件", 1350, 920, False, "合肥长源液压",
     ["拖拉机 LX-904"], ["液压系统"]),
    ("JYLQ-4LZ", "机油滤清器", "JX0810", "个", 38, 21, False, "蚌埠金威滤清器",
     ["联合收割机 4LZ-6", "拖拉机 LX-904", "柴油发电机组 GF-200"], ["发动机"]),
    ("KQLQ-4LZ", "空气滤芯", "K2640", "个", 65, 38, False, "蚌埠金威滤清器",
     ["联合收割机 4LZ-6", "拖拉机 LX-904"], ["发动机"]),
    ("CYLQ-GF200", "柴油滤清器", "CX0710B", "个", 45, 26, False, "蚌埠金威滤清器",
     ["柴油发电机组 GF-200"], ["发动机"]),
    ("YSJ-LSB500", "螺杆压缩机", "LSBLG-500 半封闭", "台", 38500, 29800, True, "汉钟精机",
     ["螺杆冷水机组 LSBLG-500"], ["压缩机"]),
    ("KZB-LSB500", "主控制板", "MCB-500 V3", "块", 2850, 1900, False, "深圳英威腾",
     ["螺杆冷水机组 LSBLG-500", "中央空调主机 YK-300"], ["控制板"]),
    ("JCQ-LC1D", "交流接触器", "LC1-D65 AC220V", "个", 420, 260, False, "施耐德电气",
     ["螺杆冷水机组 LSBLG-500", "中央空调主机 YK-300", "精密空调 CRAC-80"], ["接触器"]),
    ("CGQ-WD10K", "温度传感器", "NTC 10K 防水", "个", 85, 42, False, "深圳英威腾",
     ["螺杆冷水机组 LSBLG-500", "精密空调 CRAC-80"], ["传感器"]),
    ("CGQ-YL25", "压力传感器", "0–2.5MPa 4–20mA", "个", 460, 300, False, "深圳英威腾",
     ["螺杆冷水机组 LSBLG-500"], ["传感器"]),
    ("LMJ-R134A", "制冷剂 R134a", "13.6kg/瓶", "瓶", 680, 520, False, "巨化股份",
     ["螺杆冷水机组 LSBLG-500", "中央空调主机 YK-300"], ["压缩机"]),
    ("PDK-AC4000", "门禁主板", "AC-4000 四门", "块", 760, 450, False, "海康威视",
     ["门禁控制器 AC-4000"], ["控制板"]),
    ("YP-DS9600", "监控硬盘", "6TB 监控级", "块", 980, 760, False, "希捷",
     ["安防监控主机 DS-9600"], ["存储"]),
    ("TSD-GF200", "AVR 调压板", "SX460", "块", 560, 330, False, "无锡斯坦福",
     ["柴油发电机组 GF-200"], ["电气控制"]),
]
# stock: code -> {outlet: (on hand, reorder point, max, bin)}
PART_STOCK = {
    "QDJ-4LZ6": {"SZ": (5, 3, 10, "A-01-02"), "CD": (2, 2, 6, "B-02-01")},
    "FDJ-4LZ6": {"SZ": (4, 2, 8, "A-01-03"), "CD": (3, 2, 6, "B-02-02")},
    "PYB-YC6": {"SZ": (1, 1, 3, "A-02-01")},
    "BSX-KT4LZ": {"SZ": (2, 1, 4, "A-02-02")},
    "GT-CD4LZ": {"SZ": (2, 1, 4, "A-02-03"), "CD": (1, 1, 3, "B-03-01")},
    "LQ-DP430": {"SZ": (6, 2, 10, "A-03-01"), "CD": (4, 2, 8, "B-03-02")},
    "YYB-CBN": {"SZ": (3, 2, 6, "A-03-02"), "CD": (2, 1, 4, "B-03-03")},
    "KZF-DL3": {"SZ": (1, 1, 3, "A-03-03")},
    "JYLQ-4LZ": {"SZ": (40, 20, 80, "C-01-01"), "CD": (12, 20, 60, "D-01-01")},
    "KQLQ-4LZ": {"SZ": (18, 15, 50, "C-01-02"), "CD": (25, 10, 40, "D-01-02")},
    "CYLQ-GF200": {"SZ": (4, 10, 40, "C-01-03")},
    "YSJ-LSB500": {"SZ": (1, 0, 1, "E-01-01")},
    "KZB-LSB500": {"SZ": (3, 2, 5, "E-02-01")},
    "JCQ-LC1D": {"SZ": (8, 4, 12, "E-02-02"), "CD": (5, 3, 10, "F-01-01")},
    "CGQ-WD10K": {"SZ": (15, 10, 30, "E-02-03"), "CD": (10, 5, 20, "F-01-02")},
    "CGQ-YL25": {"SZ": (2, 3, 8, "E-02-04")},
    "LMJ-R134A": {"SZ": (6, 4, 12, "E-03-01")},
    "PDK-AC4000": {"SZ": (2, 1, 4, "G-01-01"), "CD": (1, 1, 3, "H-01-01")},
    "YP-DS9600": {"SZ": (3, 2, 6, "G-01-02")},
    "TSD-GF200": {"CD": (2, 1, 4, "H-02-01")},
}
