import { DEFAULT_EVIDENCE_POLICY } from '../../../../api/types';
import { fenToYuan, yuanToFen } from '../../../../utils/money';
import type { Basis, ClockName, EvidencePolicy, LevelName, OrderType, PhotoCategory, Policy, PolicyLevel, PolicyRule, Priority, Recipient, TargetUnit } from '../../../../api/types';

/** A rule as the form holds it: '' means "any" in the selects, null/undefined an empty number. */
export interface RuleValues {
  clock: ClockName;
  priority: Priority | '';
  type: OrderType | '';
  max_distance_km?: number | null;
  amount?: number | null;
  unit: TargetUnit;
  basis: Basis;
  cap_working_days?: number | null;
  note?: string;
}

export type LevelMode = 'ratio' | 'offset';

/** A level as the form holds it: the share of the target in percent, or minutes from the due time. */
export interface LevelValues {
  /** '' until one is chosen from the list. */
  name: LevelName | '';
  mode: LevelMode;
  ratio_pct?: number | null;
  offset_minutes?: number | null;
  notify: Recipient[];
}

export interface EvidenceValues {
  required_photos: { category?: PhotoCategory; min?: number | null }[];
  signature_required: boolean;
}

/** The hand-off notices' settings: a return-visit score at or below the threshold tells the managers. */
export interface NoticeValues {
  low_score_threshold?: number | null;
}

/** The spare parts' settings; the head-office line amount as typed, in 元. Empty: the default applies. */
export interface PartsValues {
  expensive_line_yuan?: string | null;
  unreturned_days?: number | null;
  abc_a_percent?: number | null;
  abc_b_percent?: number | null;
}

export interface PolicyValues {
  rules: RuleValues[];
  levels: LevelValues[];
  notices: NoticeValues;
  parts: PartsValues;
  /** An outlet override: whether it sets its own evidence section (else the network's applies). */
  evidence_own: boolean;
  evidence: EvidenceValues;
}

export const NEW_RULE: RuleValues = { clock: 'arrival', priority: '', type: '', max_distance_km: null, amount: null, unit: 'hours', basis: 'calendar', cap_working_days: null, note: '' };
export const NEW_LEVEL: LevelValues = { name: '', mode: 'offset', offset_minutes: 0, ratio_pct: null, notify: ['outlet_manager'] };

const num = (v: number | null | undefined) => (v === undefined || v === null ? null : v);

const copyEvidence = (e: EvidencePolicy): EvidenceValues => ({
  required_photos: e.required_photos.map((p) => ({ category: p.category, min: p.min })),
  signature_required: e.signature_required,
});

export const NEW_PHOTO_REQUIREMENT = { category: undefined, min: 1 };

/** A policy some parts of which may be left out (an outlet's override). */
export type PolicyParts = Partial<Pick<Policy, 'rules' | 'levels' | 'notices' | 'parts'>> & { evidence?: EvidencePolicy | null };

/** `network`: what applies where the policy leaves a part out (else no rules or levels, the default evidence). */
export function toValues(policy: PolicyParts, network?: PolicyParts): PolicyValues {
  return {
    evidence_own: Boolean(policy.evidence),
    evidence: copyEvidence(policy.evidence ?? network?.evidence ?? DEFAULT_EVIDENCE_POLICY),
    // the server answers its default where nothing was set; no copy of that default here
    notices: { low_score_threshold: policy.notices?.low_score_threshold ?? network?.notices?.low_score_threshold ?? null },
    parts: partsValues({ ...network?.parts, ...policy.parts }),
    rules: (policy.rules ?? network?.rules ?? []).map((r) => ({
      clock: r.clock,
      priority: r.priority ?? '',
      type: r.type ?? '',
      max_distance_km: r.max_distance_km ?? null,
      amount: r.amount,
      unit: r.unit,
      basis: r.basis,
      cap_working_days: r.cap_working_days ?? null,
      note: r.note ?? '',
    })),
    levels: (policy.levels ?? network?.levels ?? []).map((l) => ({
      name: l.name,
      mode: l.elapsed_ratio !== null && l.elapsed_ratio !== undefined ? 'ratio' : 'offset',
      // 0.8 → 80 (rounded so 0.7 does not show as 70.00000000000001)
      ratio_pct: l.elapsed_ratio !== null && l.elapsed_ratio !== undefined ? Math.round(l.elapsed_ratio * 10000) / 100 : null,
      offset_minutes: l.offset_minutes ?? null,
      notify: [...l.notify],
    })),
  };
}

/** `withEvidence` false: leave the evidence section out (an outlet following the network's). */
export function toPolicy(values: PolicyValues, withEvidence = true): Policy {
  const rules: PolicyRule[] = (values.rules ?? []).map((r) => ({
    clock: r.clock,
    priority: r.priority || null,
    type: r.type || null,
    max_distance_km: num(r.max_distance_km),
    amount: num(r.amount) as number,
    unit: r.unit,
    basis: r.basis,
    cap_working_days: num(r.cap_working_days),
    note: (r.note ?? '').trim(),
  }));
  const levels: PolicyLevel[] = (values.levels ?? []).map((l) => ({
    name: l.name as LevelName, // required by the form: never '' here
    elapsed_ratio: l.mode === 'ratio' && l.ratio_pct !== null && l.ratio_pct !== undefined ? Math.round(l.ratio_pct * 100) / 10000 : null,
    offset_minutes: l.mode === 'offset' ? (num(l.offset_minutes) ?? 0) : null,
    notify: l.notify ?? [],
  }));
  const threshold = num(values.notices?.low_score_threshold);
  // none given: the server's default applies
  const policy: Policy = { rules, levels, notices: threshold === null ? {} : { low_score_threshold: threshold } };
  const parts = toParts(values.parts);
  if (parts) policy.parts = parts;
  if (withEvidence && values.evidence) {
    policy.evidence = {
      required_photos: (values.evidence.required_photos ?? [])
        .filter((p) => p.category)
        .map((p) => ({ category: p.category as PhotoCategory, min: num(p.min) ?? 1 })),
      signature_required: Boolean(values.evidence.signature_required),
    };
  }
  return policy;
}

/**
 * A server field path of the policy (`rules.0.amount`, `policy.levels.1.elapsed_ratio`) as the
 * form's name path.
 */
export function formPath(serverPath: string): (string | number)[] {
  const path = serverPath.replace(/^policy\./, '').split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const last = path[path.length - 1];
  if (path[0] === 'levels' && last === 'elapsed_ratio') path[path.length - 1] = 'ratio_pct';
  if (path[0] === 'parts' && last === 'expensive_line_fen') path[path.length - 1] = 'expensive_line_yuan';
  return path;
}

type PartsPolicy = NonNullable<Policy['parts']>;

function partsValues(parts: Partial<PartsPolicy>): PartsValues {
  return {
    expensive_line_yuan: typeof parts.expensive_line_fen === 'number' ? fenToYuan(parts.expensive_line_fen) : null,
    unreturned_days: parts.unreturned_days ?? null,
    abc_a_percent: parts.abc_a_percent ?? null,
    abc_b_percent: parts.abc_b_percent ?? null,
  };
}

/** The parts section as set (none: the server's defaults apply). */
function toParts(values: PartsValues | undefined): PartsPolicy | null {
  if (!values) return null;
  const parts: PartsPolicy = {};
  const line = values.expensive_line_yuan?.trim() ? yuanToFen(values.expensive_line_yuan) : null;
  if (line !== null) parts.expensive_line_fen = line;
  if (num(values.unreturned_days) !== null) parts.unreturned_days = num(values.unreturned_days) as number;
  if (num(values.abc_a_percent) !== null) parts.abc_a_percent = num(values.abc_a_percent) as number;
  if (num(values.abc_b_percent) !== null) parts.abc_b_percent = num(values.abc_b_percent) as number;
  return Object.keys(parts).length > 0 ? parts : null;
}
