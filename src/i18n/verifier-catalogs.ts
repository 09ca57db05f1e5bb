// The catalogues, bundled into the page (esbuild inlines JSON). English is the reference: every other
// catalogue has exactly its keys (test/web/catalogs.test.ts). The order is the language menu's.

import be from '../../locales/verifier/be.json' with { type: 'json' };
import cs from '../../locales/verifier/cs.json' with { type: 'json' };
import de from '../../locales/verifier/de.json' with { type: 'json' };
import el from '../../locales/verifier/el.json' with { type: 'json' };
import en from '../../locales/verifier/en.json' with { type: 'json' };
import es from '../../locales/verifier/es.json' with { type: 'json' };
import et from '../../locales/verifier/et.json' with { type: 'json' };
import fi from '../../locales/verifier/fi.json' with { type: 'json' };
import fr from '../../locales/verifier/fr.json' with { type: 'json' };
import it from '../../locales/verifier/it.json' with { type: 'json' };
import ka from '../../locales/verifier/ka.json' with { type: 'json' };
import lt from '../../locales/verifier/lt.json' with { type: 'json' };
import lv from '../../locales/verifier/lv.json' with { type: 'json' };
import nl from '../../locales/verifier/nl.json' with { type: 'json' };
import pl from '../../locales/verifier/pl.json' with { type: 'json' };
import pt from '../../locales/verifier/pt.json' with { type: 'json' };
import sk from '../../locales/verifier/sk.json' with { type: 'json' };
import sv from '../../locales/verifier/sv.json' with { type: 'json' };
import uk from '../../locales/verifier/uk.json' with { type: 'json' };

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
