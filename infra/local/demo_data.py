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
