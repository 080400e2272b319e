/**
 * Previous and Next for a list paged by offset, with where the page is: `21–40 of 57`. `onOffset` gets the new
 * offset, never below 0.
 */
export function OffsetPager({ offset, shown, count, pageSize, onOffset }: { offset: number; shown: number; count: number; pageSize: number; onOffset: (offset: number) => void }) {
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - pageSize))}>
        Previous
      </button>
      <span>
        {shown === 0 ? 0 : offset + 1}–{offset + shown} of {count}
      </span>
      <button type="button" disabled={offset + pageSize >= count} onClick={() => onOffset(offset + pageSize)}>
        Next
      </button>
    </nav>
  );
}
