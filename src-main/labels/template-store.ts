import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LabelError } from './label-error';
import type { LabelTemplate } from './template-schema';
import { labelTemplateSchema } from './template-schema';

/** The template used when a render names none. */
export const DEFAULT_TEMPLATE = 'generic-100x150';

/**
 * Validates parsed template JSON; throws `LabelError('bad-template')` listing every problem with its path.
 */
export function parseTemplate(json: unknown, name = 'template'): LabelTemplate {
  const result = labelTemplateSchema.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new LabelError('bad-template', `label template ${name} is invalid: ${problems}`);
  }
  return result.data;
}

/** Loads templates from `<assetsDir>/templates/<name>.json`, validating and caching each once. */
export class TemplateStore {
  private readonly cache = new Map<string, Promise<LabelTemplate>>();

  constructor(private readonly assetsDir: string) {}

  /** The validated template `name`; `LabelError('unknown-template' | 'bad-template')` otherwise. */
  get(name: string): Promise<LabelTemplate> {
    let entry = this.cache.get(name);
    if (!entry) {
      entry = this.load(name);
      this.cache.set(name, entry);
      // A failed load is not cached: the file may be fixed and retried.
      entry.catch(() => this.cache.delete(name));
    }
    return entry;
  }

  private async load(name: string): Promise<LabelTemplate> {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) {
      throw new LabelError('unknown-template', `there is no label template named "${name}"`);
    }
    const file = path.join(this.assetsDir, 'templates', `${name}.json`);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      throw new LabelError('unknown-template', `there is no label template named "${name}" (looked for ${file})`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw new LabelError(
        'bad-template',
        `label template ${name} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    const template = parseTemplate(json, name);
    if (template.name !== name) {
      throw new LabelError('bad-template', `label template file ${name}.json declares the name "${template.name}"`);
    }
    return template;
  }
}
