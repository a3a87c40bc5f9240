import { Fragment, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isExternalLink, parseMarkdownLite, type InlineNode } from '../../../shared/markdown-lite.js';
import './markdown-view.css';

/**
 * Draws the tiny Markdown subset (src/shared/markdown-lite.ts) with React elements only: text is always text, so no
 * message can become markup. Links to another host say so, in words and with a mark, and open without telling that
 * host where the reader came from (issue 7: "links to unknown hosts marked as external").
 */
export function MarkdownView({ source, className }: { source: string; className?: string }) {
  const doc = useMemo(() => parseMarkdownLite(source), [source]);
  return (
    <div className={className ? `markdown ${className}` : 'markdown'}>
      {doc.blocks.map((block, i) =>
        block.type === 'paragraph' ? (
          <p key={i}>
            <Inline nodes={block.children} />
          </p>
        ) : block.ordered ? (
          <ol key={i} start={block.start === 1 ? undefined : block.start}>
            {block.items.map((item, j) => (
              <li key={j}>
                <Inline nodes={item} />
              </li>
            ))}
          </ol>
        ) : (
          <ul key={i}>
            {block.items.map((item, j) => (
              <li key={j}>
                <Inline nodes={item} />
              </li>
            ))}
          </ul>
        ),
      )}
    </div>
  );
}

function Inline({ nodes }: { nodes: InlineNode[] }): ReactNode {
  return nodes.map((node, i) => {
    switch (node.type) {
      case 'text':
        return <Fragment key={i}>{node.text}</Fragment>;
      case 'break':
        return <br key={i} />;
      case 'em':
        return (
          <em key={i}>
            <Inline nodes={node.children} />
          </em>
        );
      case 'strong':
        return (
          <strong key={i}>
            <Inline nodes={node.children} />
          </strong>
        );
      case 'link':
        return <MarkdownLink key={i} href={node.href} text={node.text} />;
    }
  });
}

function MarkdownLink({ href, text }: { href: string; text: string }) {
  const { t } = useTranslation();
  if (!isExternalLink(href, location.host)) return <a href={href}>{text}</a>;
  return (
    <a href={href} className="external-link" target="_blank" rel="noopener noreferrer">
      {text}
      <span aria-hidden="true" className="external-mark">
        {' ↗'}
      </span>
      <span className="visually-hidden"> {t('markdown.externalLink')}</span>
    </a>
  );
}
