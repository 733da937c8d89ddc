/**
 * TrayPort on top of Electron's Tray and Menu. Icons are PNGs in `iconsDir`
 * (`<name>.png` plus `<name>@2x.png`, which Electron picks up on HiDPI screens by itself).
 */
import { join } from 'node:path';
import { Menu, Tray, type MenuItemConstructorOptions } from 'electron';
import type { TrayAction, TrayIconName, TrayMenuItem } from './tray-menu-model.js';
import type { TrayPort } from './tray-view.js';

export function electronTrayFactory(iconsDir: string): (iconName: TrayIconName) => TrayPort {
  const iconPath = (name: TrayIconName): string => join(iconsDir, `${name}.png`);

  return (initialIcon) => {
    const tray = new Tray(iconPath(initialIcon));
    return {
      setImage: (name) => tray.setImage(iconPath(name)),
      // Linux AppIndicator shows no tooltip; the first menu item carries the same status.
      setToolTip: (tooltip) => tray.setToolTip(tooltip),
      setMenu: (items, onAction) => tray.setContextMenu(Menu.buildFromTemplate(items.map((item) => menuItem(item, onAction)))),
      onClick: (listener) => {
        tray.on('click', () => listener());
      },
      destroy: () => tray.destroy(),
    };
  };
}

function menuItem(item: TrayMenuItem, onAction: (action: TrayAction) => void): MenuItemConstructorOptions {
  switch (item.kind) {
    case 'status':
      return { label: item.label, enabled: false };
    case 'separator':
      return { type: 'separator' };
    case 'action':
      return { label: item.label, click: () => onAction(item.action) };
    case 'checkbox':
      return { label: item.label, type: 'checkbox', checked: item.checked, click: () => onAction(item.action) };
  }
}
