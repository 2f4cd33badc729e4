import { useState } from 'react';
import { App, Button, InputNumber, Space } from 'antd';
import { AimOutlined } from '@ant-design/icons';
import { useI18n } from '../../../../i18n';

export interface Geo {
  lat?: number;
  lng?: number;
}

interface Props {
  value?: Geo;
  onChange?: (value: Geo) => void;
  testIdPrefix: string;
}

/** Latitude and longitude, typed in or taken from the phone's location. */
export function GeoInput({ value, onChange, testIdPrefix }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [locating, setLocating] = useState(false);
  const set = (patch: Geo) => onChange?.({ ...value, ...patch });

  const locate = () => {
    if (!navigator.geolocation) {
      void message.error(t('geo.unavailable'));
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        onChange?.({ lat: Number(pos.coords.latitude.toFixed(6)), lng: Number(pos.coords.longitude.toFixed(6)) });
      },
      () => {
        setLocating(false);
        void message.error(t('geo.unavailable'));
      },
      { enableHighAccuracy: true, timeout: 15000 },
    );
  };

  return (
    <Space wrap>
      <InputNumber placeholder={t('field.lat')} min={-90} max={90} value={value?.lat} onChange={(lat) => set({ lat: lat ?? undefined })} data-testid={`${testIdPrefix}.lat`} />
      <InputNumber placeholder={t('field.lng')} min={-180} max={180} value={value?.lng} onChange={(lng) => set({ lng: lng ?? undefined })} data-testid={`${testIdPrefix}.lng`} />
      <Button icon={<AimOutlined />} loading={locating} onClick={locate} data-testid={`${testIdPrefix}.locate`}>
        {t('geo.useMyLocation')}
      </Button>
    </Space>
  );
}
