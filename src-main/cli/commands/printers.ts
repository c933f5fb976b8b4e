import { languageByName, listProfiles } from '../../printers';
import { out, outJson } from '../io';

/** `dockside printers profiles`: the built-in printer profiles with their language, resolution and width. */
export function printersProfilesCommand(options: { json?: boolean }): void {
  const profiles = listProfiles().map((p) => {
    const { capabilities } = languageByName(p.language);
    return {
      ...p,
      printableWidthMm: Math.round(((p.printableWidthDots * 25.4) / p.dpi) * 10) / 10,
      // What jobs on this profile may ask for (an option outside this list is refused, never ignored).
      capabilities: (Object.keys(capabilities) as (keyof typeof capabilities)[]).filter((k) => capabilities[k]),
    };
  });
  if (options.json) {
    outJson({ profiles });
    return;
  }
  const nameWidth = Math.max(...profiles.map((p) => p.name.length));
  for (const p of profiles) {
    out(
      `${p.name.padEnd(nameWidth)}  ${p.language.padEnd(6)}  ${String(p.dpi).padStart(3)} dpi  ` +
        `${String(p.printableWidthDots).padStart(4)} dots (${p.printableWidthMm.toFixed(1)} mm)  ` +
        `${p.statusSupport ? 'status' : 'no status'}  ${p.model}`,
    );
  }
}
