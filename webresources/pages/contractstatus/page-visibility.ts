/**
 * Whether the person can see the panel: the tab is visible AND the panel itself is on screen. A
 * side pane with `alwaysRender` stays loaded while another pane is selected, and a form's web
 * resource control can be scrolled away; the tab is still "visible" then, so the page's own
 * visibilityState is not enough. An IntersectionObserver on the page's root tells when the frame
 * is laid out and in view (a hidden pane's frame has no box, so nothing of it intersects).
 */
export interface Visibility {
  hidden(): boolean;
  /** Calls `changed` whenever hidden() may have changed; returns the unsubscribe. */
  subscribe(changed: () => void): () => void;
}

export function pageVisibility(doc: Document = document): Visibility {
  let onScreen = true;
  return {
    hidden: () => doc.visibilityState === 'hidden' || !onScreen,
    subscribe(changed) {
      doc.addEventListener('visibilitychange', changed);
      const view = doc.defaultView;
      const observer =
        view && 'IntersectionObserver' in view
          ? new view.IntersectionObserver((entries) => {
              const next = entries[entries.length - 1]?.isIntersecting ?? onScreen;
              if (next !== onScreen) {
                onScreen = next;
                changed();
              }
            })
          : undefined;
      observer?.observe(doc.documentElement);
      return () => {
        doc.removeEventListener('visibilitychange', changed);
        observer?.disconnect();
      };
    },
  };
}
