/**
 * The page's section tabs (WAI-ARIA tabs pattern: arrow keys, Home and End move between tabs,
 * only the selected one is in the tab order). Fluent's TabList would do the same, but its focus
 * mover adds hidden focusable elements beside the tabs once one has focus, which axe-core reports
 * as a serious violation (aria-hidden-focus); these are plain buttons with Fluent's tokens.
 */
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useRef, type KeyboardEvent } from 'react';

const useStyles = makeStyles({
  list: { display: 'flex', gap: tokens.spacingHorizontalS, borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, flexWrap: 'wrap' },
  tab: {
    font: 'inherit',
    fontSize: tokens.fontSizeBase300,
    color: tokens.colorNeutralForeground2,
    background: 'none',
    border: 'none',
    borderBottom: '3px solid transparent',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    cursor: 'pointer',
    ':hover': { color: tokens.colorNeutralForeground1, backgroundColor: tokens.colorSubtleBackgroundHover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  selected: { color: tokens.colorNeutralForeground1, fontWeight: tokens.fontWeightSemibold, borderBottomColor: tokens.colorCompoundBrandStroke },
});

export interface SectionTab<T extends string> {
  value: T;
  label: string;
}

export function SectionTabs<T extends string>(props: { tabs: readonly SectionTab<T>[]; selected: T; onSelect: (value: T) => void; label: string }) {
  const styles = useStyles();
  const { tabs, selected, onSelect, label } = props;
  const refs = useRef<Array<HTMLButtonElement | null>>([]);

  function onKeyDown(e: KeyboardEvent, index: number): void {
    const last = tabs.length - 1;
    const next =
      e.key === 'ArrowRight'
        ? index === last
          ? 0
          : index + 1
        : e.key === 'ArrowLeft'
          ? index === 0
            ? last
            : index - 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? last
              : -1;
    if (next < 0) return;
    e.preventDefault();
    onSelect(tabs[next].value);
    refs.current[next]?.focus();
  }

  return (
    <div role="tablist" aria-label={label} className={styles.list}>
      {tabs.map((t, i) => (
        <button
          key={t.value}
          ref={(el) => {
            refs.current[i] = el;
          }}
          type="button"
          role="tab"
          id={`tab-${t.value}`}
          aria-controls={`panel-${t.value}`}
          aria-selected={t.value === selected}
          tabIndex={t.value === selected ? 0 : -1}
          className={mergeClasses(styles.tab, t.value === selected && styles.selected)}
          onClick={() => onSelect(t.value)}
          onKeyDown={(e) => onKeyDown(e, i)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
