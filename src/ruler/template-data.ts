import type { Labels } from '../core/index.js';

/** What `$labels`, `$value`, `$externalLabels` and `$externalURL` refer to in rule templates. */
export interface TemplateData {
  readonly labels: Labels;
  readonly value: number;
  readonly externalLabels: Labels;
  readonly externalUrl: string;
}
