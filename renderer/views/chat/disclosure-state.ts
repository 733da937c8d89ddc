/**
 * Which tool cards and reasoning blocks a person opened. Rows of the virtualised transcript are
 * unmounted when scrolled away, so their open state lives here, keyed by message and part.
 */
import { createContext, useContext } from 'react';

export interface Disclosures {
  isOpen(key: string): boolean;
  setOpen(key: string, open: boolean): void;
}

export const DisclosureContext = createContext<Disclosures>({ isOpen: () => false, setOpen: () => {} });

export function useDisclosure(key: string): [boolean, (open: boolean) => void] {
  const disclosures = useContext(DisclosureContext);
  return [disclosures.isOpen(key), (open) => disclosures.setOpen(key, open)];
}
