import type { LabelTemplate } from '../labels';
import { StationError } from './station-error';
import type { TemplatesService } from './templates-service';

/** Reads a template reference as print jobs record it (`name@vN`). */
export function parseTemplateRef(ref: string): { name: string; version: number } | null {
  const match = /^(.+)@v(\d+)$/.exec(ref);
  return match ? { name: match[1]!, version: Number(match[2]) } : null;
}

/**
 * A loader of template versions by reference, for drawing a label again exactly as it printed (a reprint after
 * confirm, a label in an order's history, a batch label when its order is packed).
 */
export function templateByRef(templates: Pick<TemplatesService, 'get'>): (ref: string) => Promise<LabelTemplate> {
  return async (ref) => {
    const parsed = parseTemplateRef(ref);
    if (!parsed) {
      throw new StationError('template-not-found', `print job template "${ref}" is not a name@vN reference`, {
        name: ref,
        version: '',
      });
    }
    return (await templates.get(parsed.name, parsed.version)).template;
  };
}
