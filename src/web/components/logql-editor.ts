import { autocompletion, closeBrackets, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { HighlightStyle, LRLanguage, LanguageSupport, syntaxHighlighting, bracketMatching } from '@codemirror/language';
import { Compartment, EditorState } from '@codemirror/state';
import { EditorView, keymap, placeholder } from '@codemirror/view';
import { styleTags, tags as t } from '@lezer/highlight';
import { parser } from '@grafana/lezer-logql';

/** LogQL for CodeMirror, from Grafana's own grammar. */
const logqlLanguage = LRLanguage.define({
  name: 'logql',
  parser: parser.configure({
    props: [
      styleTags({
        'Json Logfmt Unpack Pattern Regexp Unwrap LabelFormat LineFormat LabelReplace Vector Offset Bool On Ignoring GroupLeft GroupRight Decolorize Drop Keep By Without And Or Unless Ip':
          t.keyword,
        'Sum Avg Count Max Min Stddev Stdvar Bottomk Topk Sort Sort_Desc CountOverTime Rate RateCounter BytesOverTime BytesRate AvgOverTime SumOverTime MinOverTime MaxOverTime StddevOverTime StdvarOverTime QuantileOverTime FirstOverTime LastOverTime AbsentOverTime':
          t.function(t.variableName),
        String: t.string,
        'Number Duration Bytes Range': t.number,
        Identifier: t.labelName,
        LabelName: t.labelName,
        LineComment: t.lineComment,
        'Eq Neq Re Nre PipeExact PipeMatch PipePattern Npa Pipe Gtr Gte Lss Lte Eql Add Sub Mul Div Mod Pow': t.operator,
      }),
    ],
  }),
  languageData: { commentTokens: { line: '#' } },
});

const highlight = HighlightStyle.define([
  { tag: t.keyword, color: '#7c3aed', fontWeight: '600' },
  { tag: t.function(t.variableName), color: '#1d4ed8' },
  { tag: t.string, color: '#047857' },
  { tag: t.number, color: '#b45309' },
  { tag: t.labelName, color: '#9d174d' },
  { tag: t.operator, color: '#374151', fontWeight: '600' },
  { tag: t.lineComment, color: '#6b7280', fontStyle: 'italic' },
]);

export interface LabelSource {
  names(): Promise<string[]>;
  values(name: string): Promise<string[]>;
}

/**
 * Completes label names inside a selector (`{jo|`) and label values after
 * `name="` / `name=~"`, from the server's label APIs.
 */
function labelCompletions(source: LabelSource) {
  return async (context: CompletionContext): Promise<CompletionResult | null> => {
    const before = context.state.sliceDoc(0, context.pos);
    const open = before.lastIndexOf('{');
    if (open < 0 || before.lastIndexOf('}') > open) return null;
    const inside = before.slice(open + 1);
    const value = /([A-Za-z_][A-Za-z0-9_]*)\s*(=~|!~|!=|=)\s*"([^"]*)$/.exec(inside);
    if (value) {
      const values = await source.values(value[1] ?? '');
      return { from: context.pos - (value[3] ?? '').length, options: values.map((v) => ({ label: v, type: 'text' })), validFor: /^[^"]*$/ };
    }
    const name = /(?:^|,)\s*([A-Za-z_][A-Za-z0-9_]*)?$/.exec(inside);
    if (!name) return null;
    if (!context.explicit && (name[1] ?? '') === '' && !/[{,]\s*$/.test(before)) return null;
    const names = await source.names();
    return { from: context.pos - (name[1] ?? '').length, options: names.map((n) => ({ label: n, type: 'property', apply: `${n}=` })), validFor: /^[A-Za-z0-9_]*$/ };
  };
}

export interface LogqlEditor {
  readonly view: EditorView;
  value(): string;
  setValue(text: string): void;
  /** Marks the query invalid for assistive technology (aria-invalid) while an error is shown. */
  setInvalid(invalid: boolean): void;
}

export interface LogqlEditorOptions {
  readonly initial: string;
  readonly labels: LabelSource;
  readonly onRun: () => void;
  /** Id of the element that names the editor (a visible label). */
  readonly labelledBy: string;
  /** Ids of the hint and error elements. */
  readonly describedBy: string;
}

/** A one-query LogQL editor; Shift+Enter or Ctrl/Cmd+Enter runs it. Tab leaves it (it does not indent). */
export function createLogqlEditor(parent: HTMLElement, options: LogqlEditorOptions): LogqlEditor {
  const run = (): boolean => {
    options.onRun();
    return true;
  };
  const invalid = new Compartment();
  const attributes = (isInvalid: boolean) =>
    EditorView.contentAttributes.of({
      'aria-labelledby': options.labelledBy,
      'aria-describedby': options.describedBy,
      'aria-multiline': 'true',
      'aria-invalid': isInvalid ? 'true' : 'false',
    });
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: options.initial,
      extensions: [
        history(),
        closeBrackets(),
        bracketMatching(),
        new LanguageSupport(logqlLanguage),
        syntaxHighlighting(highlight),
        // Enter accepts a completion as soon as it shows (the query is one line; Shift+Enter runs it).
        autocompletion({ override: [labelCompletions(options.labels)], activateOnTyping: true, interactionDelay: 0 }),
        placeholder('{job="auth"} |= "Accepted"'),
        keymap.of([{ key: 'Shift-Enter', run }, { key: 'Mod-Enter', run }, ...defaultKeymap, ...historyKeymap]),
        EditorView.lineWrapping,
        invalid.of(attributes(false)),
      ],
    }),
  });
  return {
    view,
    value: () => view.state.doc.toString(),
    setValue: (text) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
    setInvalid: (isInvalid) => view.dispatch({ effects: invalid.reconfigure(attributes(isInvalid)) }),
  };
}
