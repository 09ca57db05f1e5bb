// The catalogues, bundled into the page (esbuild inlines JSON). English is the reference: every other
// catalogue has exactly its keys (test/web/catalogs.test.ts). The order is the language menu's.

import be from './be.json' with { type: 'json' };
import cs from './cs.json' with { type: 'json' };
import de from './de.json' with { type: 'json' };
import el from './el.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };
import es from './es.json' with { type: 'json' };
import et from './et.json' with { type: 'json' };
import fi from './fi.json' with { type: 'json' };
import fr from './fr.json' with { type: 'json' };
import it from './it.json' with { type: 'json' };
import ka from './ka.json' with { type: 'json' };
import lt from './lt.json' with { type: 'json' };
import lv from './lv.json' with { type: 'json' };
import nl from './nl.json' with { type: 'json' };
import pl from './pl.json' with { type: 'json' };
import pt from './pt.json' with { type: 'json' };
import sk from './sk.json' with { type: 'json' };
import sv from './sv.json' with { type: 'json' };
import uk from './uk.json' with { type: 'json' };

export type Catalog = Record<keyof typeof en, string>;

export const CATALOGS = {
  en,
  be,
  uk,
  pl,
  lt,
  lv,
  et,
  de,
  cs,
  sk,
  ka,
  fr,
  it,
  es,
  nl,
  sv,
  fi,
  pt,
  el,
} satisfies Record<string, Catalog>;

export type Lang = keyof typeof CATALOGS;
export const LANGUAGES = Object.keys(CATALOGS) as Lang[];
