/*
 * What shows while a chunk loads. The classes are styled inline in index.html, whose own copy of
 * BootShell is painted before any script arrives: React's first render (App's Suspense fallback)
 * shows the same thing, so the hand-over does not flicker. Plain markup, no antd: this is in
 * the first chunk.
 */

/** The product's name and a form-like skeleton: neither Chinese nor English, no data. */
export function BootShell() {
  return (
    <div className="fw-boot" data-testid="boot-shell" aria-busy="true">
      <div className="fw-boot-card">
        <p className="fw-boot-name">服务 Fuwu</p>
        <div className="fw-boot-line fw-short" />
        <div className="fw-boot-line" />
        <div className="fw-boot-line" />
        <div className="fw-boot-line fw-button" />
      </div>
    </div>
  );
}

/** A page's place in the signed-in frame while its chunk loads. */
export function PageSkeleton() {
  return (
    <div className="fw-page-skeleton" data-testid="page-skeleton" aria-busy="true">
      <div className="fw-boot-line fw-short" style={{ marginLeft: 0, width: 240 }} />
      <div className="fw-boot-line" />
      <div className="fw-boot-line" />
      <div className="fw-boot-line" />
    </div>
  );
}
