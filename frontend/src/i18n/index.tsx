import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ConfigProvider } from 'antd';
import antdZhCN from 'antd/locale/zh_CN';
import type { Locale } from 'antd/es/locale';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { loadEnglish, zhDictionary, type MessageKey, type Messages } from './messages';

export type Lang = 'zh-CN' | 'en-US';
export type { MessageKey };

const STORAGE_KEY = 'fuwu.lang';

function readStoredLang(): Lang {
  return localStorage.getItem(STORAGE_KEY) === 'en-US' ? 'en-US' : 'zh-CN';
}

let currentLang: Lang = readStoredLang();

/** A language's strings and Ant Design's: Chinese in the first page's script, English loaded
 * when it is chosen (its own chunk; kept once loaded). */
interface Language {
  dict: Messages;
  antd: Locale;
}
const ZH: Language = { dict: zhDictionary, antd: antdZhCN };
let english: Language | null = null; // once loaded, kept

/** A language's strings: Chinese at once; English loaded (a failed load is not kept: each
 * switch asks again). */
async function loadLanguage(lang: Lang): Promise<Language> {
  if (lang === 'zh-CN') return ZH;
  if (!english) {
    const [dict, antd] = await Promise.all([loadEnglish(), import('antd/locale/en_US')]);
    english = { dict, antd: antd.default };
  }
  return english;
}

/** The value for the API's Accept-Language header. */
export function acceptLanguage(): string {
  return currentLang === 'en-US' ? 'en' : 'zh-CN';
}

type Vars = Record<string, string | number>;

function interpolate(text: string, vars?: Vars): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** Enumeration groups whose values are translated as `<group>.<value>`. */
export type EnumGroup =
  | 'state'
  | 'type'
  | 'priority'
  | 'channel'
  | 'coverage'
  | 'role'
  | 'action'
  | 'event'
  | 'outcome'
  | 'field'
  | 'step'
  | 'wo'
  | 'clock'
  | 'slaStatus'
  | 'level'
  | 'recipient'
  | 'unitName'
  | 'basis'
  | 'daySource'
  | 'distanceSource'
  | 'category'
  // the warranty's (generated vocabulary)
  | 'quote_line_kind'
  | 'quote_state'
  | 'quote_approval_reason'
  | 'coverage_reason'
  | 'exclusion'
  // the spare parts' requisitions (generated vocabulary)
  | 'requisition_state'
  | 'requisition_action'
  | 'return_condition'
  // the fees' (generated vocabulary)
  | 'fee_state'
  | 'payment_method'
  | 'budget_category'
  | 'budget_request_state';

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  /** Translate a known key. */
  t: (key: MessageKey, vars?: Vars) => string;
  /** Translate an enumeration value coming from the server; unknown values are shown as they are. */
  te: (group: EnumGroup, value: string) => string;
  /** Translate a key built at run time (e.g. from a schema field name), with a fallback. */
  tk: (key: string, fallback: string) => string;
}

const I18nContext = createContext<I18n | null>(null);

/** Who asked the system for less motion gets no sliding lists, zooming dialogs or fades. */
const REDUCED_MOTION = typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;

export function I18nProvider({ children }: { children: ReactNode }) {
  // the language asked for, and which asking this is: every switch is an attempt of its own
  // (a click while an earlier load is failing is not lost)
  const [asked, setAsked] = useState<{ lang: Lang; attempt: number }>({ lang: currentLang, attempt: 0 });
  // the strings shown: null until the stored language's are loaded (English, on a first load)
  const [language, setLanguage] = useState<Language | null>(currentLang === 'zh-CN' ? ZH : null);

  const setLang = useCallback((next: Lang) => {
    // stored at once (a sign-in may reload the page before the strings are there); put back
    // if they cannot be loaded
    localStorage.setItem(STORAGE_KEY, next);
    setAsked((before) => ({ lang: next, attempt: before.attempt + 1 }));
  }, []);

  // A language switch shows the page in the new language once its strings are there (the old
  // one until then); the API is asked in the language shown. If they cannot be loaded, the
  // language shown stays (Chinese on a first load, the stored choice kept for the next load;
  // after a switch, the stored choice goes back to the language shown) and the switch can be
  // used again.
  useEffect(() => {
    let current = true;
    const { lang, attempt } = asked;
    loadLanguage(lang).then(
      (loaded) => {
        if (!current) return;
        currentLang = lang;
        setLanguage(loaded);
        document.documentElement.lang = lang;
        document.title = loaded.dict['app.title'];
        dayjs.locale(lang === 'zh-CN' ? 'zh-cn' : 'en');
      },
      () => {
        if (!current) return;
        if (attempt > 0) localStorage.setItem(STORAGE_KEY, currentLang); // the one shown
        setLanguage((shown) => {
          if (shown) return shown;
          currentLang = 'zh-CN'; // a first load: Chinese shown, the stored choice kept
          return ZH;
        });
      },
    );
    return () => {
      current = false;
    };
  }, [asked]);

  const shown: Lang = language === ZH ? 'zh-CN' : 'en-US';
  const value = useMemo<I18n | null>(() => {
    if (!language) return null;
    const dict = language.dict;
    const lookup = (key: string): string | undefined => (dict as Record<string, string>)[key];
    return {
      lang: shown,
      setLang,
      t: (key, vars) => interpolate(dict[key], vars),
      te: (group, v) => lookup(`${group}.${v}`) ?? v,
      tk: (key, fallback) => lookup(key) ?? fallback,
    };
  }, [language, shown, setLang]);

  if (!value || !language) return null; // English chosen earlier, its strings on their way
  return (
    <I18nContext.Provider value={value}>
      <ConfigProvider
        locale={language.antd}
        button={{ autoInsertSpace: false }}
        theme={REDUCED_MOTION ? { token: { motion: false } } : undefined}
      >
        {children}
      </ConfigProvider>
    </I18nContext.Provider>
  );
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n must be used inside <I18nProvider>');
  return ctx;
}

/** The translate function of the current language. */
export function useT(): I18n['t'] {
  return useI18n().t;
}
