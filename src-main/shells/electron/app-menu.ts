import { Menu, type MenuItemConstructorOptions } from 'electron';

/**
 * The minimal application menu: quit, the edit roles (copy/paste in settings fields), F11 for full screen, and
 * reload / developer tools only in unpackaged builds.
 */
export function buildAppMenu(options: { packaged: boolean; platform: NodeJS.Platform }): Menu {
  const template: MenuItemConstructorOptions[] = [
    ...(options.platform === 'darwin'
      ? [{ role: 'appMenu' } as const]
      : [{ label: 'File', submenu: [{ role: 'quit' } as const] }]),
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'togglefullscreen', accelerator: 'F11' },
        ...(options.packaged
          ? []
          : [{ type: 'separator' } as const, { role: 'reload' } as const, { role: 'toggleDevTools' } as const]),
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
