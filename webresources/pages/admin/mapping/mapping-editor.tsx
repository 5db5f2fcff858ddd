/**
 * The JSON code editor (CodeMirror 6): syntax errors at their position on every keystroke
 * (lang-json's jsonParseLinter), the connector's problems at their JSON paths, completion from the
 * template and Dataverse metadata. Tab indents; Escape then Tab leaves the editor (CodeMirror's
 * documented way out), as the help text under it says.
 */
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { json, jsonParseLinter } from '@codemirror/lang-json';
import { bracketMatching, defaultHighlightStyle, ensureSyntaxTree, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, lintKeymap, setDiagnostics } from '@codemirror/lint';
import { EditorState, Transaction } from '@codemirror/state';
import { EditorView, highlightActiveLine, keymap, lineNumbers } from '@codemirror/view';
import { makeStyles, tokens } from '@fluentui/react-components';
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import type { EntityMetadata } from './entity-metadata';
import { mappingCompletionSource } from './mapping-completion';
import { problemDiagnostics, type MappingProblem } from './problem-diagnostics';
import type { TemplateFieldDef } from './template-row';

const useStyles = makeStyles({
  frame: {
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    '& .cm-editor': { height: '360px', fontSize: '13px' },
    '& .cm-editor.cm-focused': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
    '& .cm-scroller': { fontFamily: 'Consolas, "Courier New", monospace' },
  },
});

export interface MappingEditorHandle {
  /** Replaces the whole text (a reload), without an undo step back to the old one. */
  replace(text: string): void;
  /** Puts the cursor at a position and the focus in the editor. */
  reveal(pos: number): void;
}

export interface MappingEditorProps {
  initialText: string;
  labelledBy: string;
  describedBy: string;
  /** The connector's latest problems, placed at their paths. */
  problems: readonly MappingProblem[];
  fields: () => readonly TemplateFieldDef[];
  metadata: EntityMetadata;
  onChange(text: string): void;
}

export const MappingEditor = forwardRef<MappingEditorHandle, MappingEditorProps>(function MappingEditor(props, ref) {
  const styles = useStyles();
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView>(undefined);
  const latest = useRef(props);
  latest.current = props;

  // Syntax errors now, and the connector's problems placed on the text as it is now.
  const refresh = (v: EditorView) => {
    const text = v.state.doc.toString();
    const tree = ensureSyntaxTree(v.state, v.state.doc.length, 200) ?? undefined;
    const diagnostics = [...jsonParseLinter()(v), ...problemDiagnostics(text, latest.current.problems, tree)];
    v.dispatch(setDiagnostics(v.state, diagnostics));
  };

  useEffect(() => {
    if (!host.current) return;
    const completion = mappingCompletionSource({ fields: () => latest.current.fields(), metadata: props.metadata });
    const v = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: props.initialText,
        extensions: [
          lineNumbers(),
          history(),
          highlightActiveLine(),
          indentOnInput(),
          bracketMatching(),
          closeBrackets(),
          json(),
          syntaxHighlighting(defaultHighlightStyle),
          autocompletion({ override: [completion] }),
          lintGutter(),
          keymap.of([...closeBracketsKeymap, ...completionKeymap, ...lintKeymap, ...historyKeymap, ...defaultKeymap, indentWithTab]),
          // tabindex: the text is the scroll area's focusable content (axe's scrollable-region-focusable for a long mapping).
          EditorView.contentAttributes.of({
            'aria-labelledby': props.labelledBy,
            'aria-describedby': props.describedBy,
            'aria-multiline': 'true',
            tabindex: '0',
          }),
          EditorView.updateListener.of((u) => {
            if (!u.docChanged) return;
            latest.current.onChange(u.state.doc.toString());
            // A view cannot be updated from inside its own update: right after it.
            queueMicrotask(() => refresh(u.view));
          }),
        ],
      }),
    });
    view.current = v;
    refresh(v);
    return () => {
      view.current = undefined;
      v.destroy();
    };
    // The editor is made once; later props are read through `latest`.
  }, []);

  useEffect(() => {
    if (view.current) refresh(view.current);
  }, [props.problems]);

  useImperativeHandle(ref, () => ({
    replace(text) {
      const v = view.current;
      if (!v) return;
      v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: text }, annotations: Transaction.addToHistory.of(false) });
    },
    reveal(pos) {
      const v = view.current;
      if (!v) return;
      v.dispatch({ selection: { anchor: Math.min(pos, v.state.doc.length) }, scrollIntoView: true });
      v.focus();
    },
  }));

  return <div ref={host} className={styles.frame} />;
});
