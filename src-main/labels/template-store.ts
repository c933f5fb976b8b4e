import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LabelError } from './label-error';
import type { LabelTemplate } from './template-schema';
import { labelTemplateSchema } from './template-schema';

/** The template used when a render names none. */
export const DEFAULT_TEMPLATE = 'generic-100x150';

/** The built-in templates shipped in `assets/templates`. */
export const BUILT_IN_TEMPLATE_NAMES = [
  'cn-76x130',
  'cn-100x180',
  'generic-100x150',
  'intl-4x6-sscc',
  'a6-on-a4',
] as const;

/** A built-in template's name. */
export type BuiltInTemplateName = (typeof BUILT_IN_TEMPLATE_NAMES)[number];

/** What a template list shows about a built-in template. */
export interface BuiltInTemplateInfo {
  name: string;
  description: string;
  widthMm: number;
  heightMm: number;
}

/**
 * Validates parsed template JSON; throws `LabelError('bad-template')` listing every problem with its path, e.g.
 * `elements.3.value: unknown field {receiver.shoeSize}`.
 */
export function parseTemplate(json: unknown, name = 'template'): LabelTemplate {
  const result = labelTemplateSchema.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new LabelError('bad-template', `label template ${name} is invalid: ${problems}`);
  }
  return result.data;
}

function templateFile(assetsDir: string, name: string): string {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) {
    throw new LabelError('unknown-template', `there is no label template named "${name}"`);
  }
  return path.join(assetsDir, 'templates', `${name}.json`);
}

function parseFile(text: string, name: string): LabelTemplate {
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

/**
 * Loads and validates the built-in template `name` from `<assetsDir>/templates/<name>.json`.
 * @throws LabelError('unknown-template' | 'bad-template')
 */
export function loadBuiltInTemplate(assetsDir: string, name: string): LabelTemplate {
  const file = templateFile(assetsDir, name);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new LabelError('unknown-template', `there is no label template named "${name}" (looked for ${file})`);
  }
  return parseFile(text, name);
}

/** The built-in templates with their description and size, in {@link BUILT_IN_TEMPLATE_NAMES} order. */
export function listBuiltInTemplates(assetsDir: string): BuiltInTemplateInfo[] {
  return BUILT_IN_TEMPLATE_NAMES.map((name) => {
    const t = loadBuiltInTemplate(assetsDir, name);
    return { name: t.name, description: t.description ?? '', widthMm: t.widthMm, heightMm: t.heightMm };
  });
}

/** Loads templates from `<assetsDir>/templates/<name>.json`, validating and caching each once. */
export class TemplateStore {
  private readonly cache = new Map<string, Promise<LabelTemplate>>();
  /** Template objects (the editor's unsaved ones) validated once per object. */
  private readonly objects = new WeakMap<object, LabelTemplate>();

  constructor(private readonly assetsDir: string) {}

  /** A built-in name or a template object, validated; `LabelError('unknown-template' | 'bad-template')` otherwise. */
  resolve(template: string | LabelTemplate): Promise<LabelTemplate> {
    if (typeof template === 'string') return this.get(template);
    let valid = this.objects.get(template);
    if (!valid) {
      try {
        valid = parseTemplate(template, template.name ?? 'template');
      } catch (err) {
        return Promise.reject(err);
      }
      this.objects.set(template, valid);
    }
    return Promise.resolve(valid);
  }

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
    const file = templateFile(this.assetsDir, name);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      throw new LabelError('unknown-template', `there is no label template named "${name}" (looked for ${file})`);
    }
    return parseFile(text, name);
  }
}
