import type { ModalProps } from 'antd';

/**
 * How every form dialog opens: full-screen on a phone (a technician fills it with one thumb),
 * a centred dialog of `width` elsewhere; never closed by a stray tap outside, its fields gone
 * when it closes; `testId` names the dialog for tests.
 */
export function formSheet(isMobile: boolean, width: number, testId: string): Partial<ModalProps> {
  return {
    destroyOnHidden: true,
    maskClosable: false,
    width: isMobile ? '100%' : width,
    style: isMobile ? { top: 0, maxWidth: '100vw', margin: 0, paddingBottom: 0 } : undefined,
    modalRender: (dialog) => <div data-testid={testId}>{dialog}</div>,
  };
}
