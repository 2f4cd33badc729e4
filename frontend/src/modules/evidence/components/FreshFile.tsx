import { forwardRef, type AnchorHTMLAttributes, type MouseEvent } from 'react';
import { Image } from 'antd';
import { linksDue } from '../../../api/refresh';
import { useShowError } from '../../../utils/errors';
import { openFresh } from '../lib/format';
import { FreshPreviewGroup } from './FreshPreviewGroup';

/*
 * One stored file shown or opened by its short-lived (presigned) links, as last read: the links
 * in hand while they last; one that lapsed or nearly (`linksDue`) is read anew when about to be
 * used, never on a timer. Several images in one viewer: FreshPreviewGroup itself.
 */

interface ThumbProps {
  /** The thumbnail's link. */
  thumb: string;
  /** The full-size file's link the viewer opens; the thumbnail's when there is no other. */
  full?: string | null;
  /** The side of the square shown, px (the image is cropped to fill it). */
  size: number;
  alt: string;
  /** Reads the links anew (the query that brought them); the thumbnail re-renders with the answer. */
  renew: () => Promise<unknown>;
  testId?: string;
}

/** A stored photo's thumbnail, opening full size in antd's viewer (its links renewed first when
 * they lapsed). */
export function FreshThumb({ thumb, full, size, alt, renew, testId }: ThumbProps) {
  const opened = full ?? thumb;
  return (
    <FreshPreviewGroup urls={[opened, thumb]} renew={renew}>
      <Image src={thumb} preview={{ src: opened }} width={size} height={size} style={{ objectFit: 'cover', borderRadius: 4 }} alt={alt} data-testid={testId} />
    </FreshPreviewGroup>
  );
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href' | 'onClick' | 'target' | 'rel'> & {
  /** The file's link. */
  href: string;
  /** Reads the file's link anew (null: there is none to open). */
  fresh: () => Promise<string | null>;
};

/** A link opening a stored file in a new tab: the link in hand while it lasts, otherwise one read
 * at the click (`openFresh`: the tab opens at once, inside the click); a failure is shown. */
export const FreshLink = forwardRef<HTMLAnchorElement, LinkProps>(function FreshLink({ href, fresh, children, ...rest }, ref) {
  const showError = useShowError();
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    if (!linksDue([href])) return; // the link in hand is still good
    event.preventDefault();
    openFresh(fresh).catch(showError);
  };
  // the ref reaches the <a>: a Tooltip around the link finds it without findDOMNode
  return (
    <a {...rest} ref={ref} href={href} target="_blank" rel="noopener noreferrer" onClick={follow}>
      {children}
    </a>
  );
});
