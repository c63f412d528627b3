import { useEffect, useRef, type ReactNode } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";

interface Props<T> {
  items: readonly T[];
  getKey: (item: T, index: number) => string;
  renderItem: (item: T, index: number) => ReactNode;
  /** A first guess; rows are measured once drawn, so expanding one is fine. */
  estimateSize?: number;
  /** CSS max-height of the scroll area. */
  maxHeight?: string;
  label: string;
  /** Called when the last rows come into view: load the next page. */
  onEndReached?: () => void;
  testId?: string;
}

/** Only the rows in view are in the DOM, so a feed of thousands scrolls like one of ten. */
export function VirtualList<T>({
  items,
  getKey,
  renderItem,
  estimateSize = 56,
  maxHeight = "65vh",
  label,
  onEndReached,
  testId,
}: Props<T>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => estimateSize,
    overscan: 8,
    getItemKey: (index) => getKey(items[index]!, index),
  });
  const rows = virtualizer.getVirtualItems();
  const last = rows[rows.length - 1];
  const nearEnd = last !== undefined && last.index >= items.length - 5;
  useEffect(() => {
    if (nearEnd) onEndReached?.();
  }, [nearEnd, items.length, onEndReached]);

  return (
    <div
      ref={scrollRef}
      className="virtual-scroll"
      // As tall as the rows, up to maxHeight: a short list does not leave an empty box.
      style={{ height: `min(${virtualizer.getTotalSize() + 2}px, ${maxHeight})` }}
      data-testid={testId}
    >
      <div
        role="list"
        aria-label={label}
        style={{ height: virtualizer.getTotalSize(), position: "relative" }}
      >
        {rows.map((row) => (
          <div
            key={row.key}
            role="listitem"
            data-index={row.index}
            ref={virtualizer.measureElement}
            className="virtual-row"
            style={{
              position: "absolute",
              top: 0,
              left: 0,
              width: "100%",
              transform: `translateY(${row.start}px)`,
            }}
          >
            {renderItem(items[row.index]!, row.index)}
          </div>
        ))}
      </div>
    </div>
  );
}
