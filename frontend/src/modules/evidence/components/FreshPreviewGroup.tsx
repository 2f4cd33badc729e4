import { useState, type ReactNode } from 'react';
import { Image } from 'antd';
import { linksDue } from '../../../api/refresh';

interface Props {
  /** The links the images inside show and open (thumbnails and full size), as last read. */
  urls: readonly (string | null | undefined)[];
  /** Reads them anew (the query that brought them); the images re-render with the answer. */
  renew: () => Promise<unknown>;
  children: ReactNode;
}

/**
 * antd's image viewer for short-lived (presigned) links, renewed when about to be used rather
 * than on a timer: opening the viewer (or moving to another image in it) with a link that lapsed
 * or nearly (`linksDue`) reads the links anew first, then the viewer opens on the fresh ones. A
 * failed renewal still opens it (the links in hand are all there is). One image may be a group
 * of its own.
 */
export function FreshPreviewGroup({ urls, renew, children }: Props) {
  const [open, setOpen] = useState(false);
  const [renewing, setRenewing] = useState(false);
  const renewThen = (then: () => void) => {
    setRenewing(true);
    void renew()
      .catch(() => undefined)
      .finally(() => {
        setRenewing(false);
        then();
      });
  };
  return (
    <Image.PreviewGroup
      preview={{
        visible: open,
        onVisibleChange: (visible) => {
          if (!visible) setOpen(false);
          else if (renewing) return; // it opens once the renewal is in
          else if (linksDue(urls)) renewThen(() => setOpen(true));
          else setOpen(true);
        },
        onChange: () => {
          if (!renewing && linksDue(urls)) renewThen(() => undefined);
        },
      }}
    >
      {children}
    </Image.PreviewGroup>
  );
}
