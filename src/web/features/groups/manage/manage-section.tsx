import { useId, type ReactNode, type RefObject } from 'react';

/** One part of the manage page: a labelled region with an h2 that can take focus after a change. */
export function ManageSection({
  title,
  children,
  headingRef,
}: {
  title: string;
  children: ReactNode;
  headingRef?: RefObject<HTMLHeadingElement | null>;
}) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="groups-section">
      <h2 id={id} ref={headingRef} tabIndex={-1}>
        {title}
      </h2>
      {children}
    </section>
  );
}
