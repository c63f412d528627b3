/** What a page shows while its code arrives: the shape of a page, announced as loading. */
export function PageSkeleton() {
  return (
    <div className="page-skeleton" aria-busy="true" aria-label="Loading page" role="status">
      <span className="skeleton skeleton-title" />
      {[0, 1, 2, 3, 4, 5].map((i) => (
        <span key={i} className="skeleton" />
      ))}
    </div>
  );
}
