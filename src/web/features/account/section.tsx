import { useId, type ReactNode, type RefObject } from 'react';

/** One part of the account page: a labelled region with an h2 that can take focus after a change removes a control. */
export function Section({
  title,
  children,
  headingRef,
  className,
  anchor,
}: {
  title: string;
  children: ReactNode;
  headingRef?: RefObject<HTMLHeadingElement | null>;
  className?: string;
  /** An id other pages link to (`/account#two-factor`). */
  anchor?: string;
}) {
  const id = useId();
  return (
    <section id={anchor} aria-labelledby={id} className={`account-section${className ? ` ${className}` : ''}`}>
      <h2 id={id} ref={headingRef} tabIndex={-1}>
        {title}
      </h2>
      {children}
    </section>
  );
}
