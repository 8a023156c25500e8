// Owns the benchmark's synthetic data: seeded, deterministic case-like records (half Chinese,
// half English text, ~1.2 KB of JSON each, so 10,000 cases ≈ 12 MB). Nothing is downloaded; the
// same seed gives the same bytes on every machine, which `fixtureInfo().sha256` lets a run prove.
//
// Used by the JSON.parse baseline (baselines.mjs) and meant for later suites (e.g. a 10k-case
// list/search suite that preloads these records). Also a small CLI:
//   node tests/bench/fixture.mjs [--count 10000] [--seed 20240601] [--out cases.json]
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";

export const DEFAULT_COUNT = 10_000;
export const DEFAULT_SEED = 20240601;

/**
 * A small seeded PRNG (the well-known "mulberry32" construction: a 32-bit counter mixed with
 * multiply/xor-shift steps). Not for cryptography; only for reproducible test data.
 */
export function seededRandom(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)); // inclusive
  const pick = (list) => list[Math.floor(next() * list.length)];
  return { next, int, pick };
}

const ZH_SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文".split("");
const ZH_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英华慧巧美霞平刚桂兰玉萍红娥玲芬燕彬斌宇浩凯健俊帆帅旭宁龙林欣瑶怡佳琳雪梅晨晓婷颖倩楠".split("");
const ZH_WORDS = [
  "邻里", "纠纷", "噪音", "漏水", "赔偿", "协商", "调解员", "双方", "同意", "分期", "还款", "工资",
  "拖欠", "房屋", "租赁", "押金", "退还", "物业", "停车位", "宠物", "装修", "继承", "赡养", "老人",
  "子女", "婚姻", "财产", "分割", "合同", "违约", "货款", "医疗", "费用", "交通事故", "损失", "鉴定",
  "村委会", "社区", "协议", "履行", "回访", "电话", "现场", "查看", "情况", "说明", "要求", "承担",
  "责任", "解决", "方案", "经过", "多次", "沟通", "达成", "一致", "意见", "申请人", "被申请人", "当事人",
  "证据", "照片", "收据", "楼上", "楼下", "墙体", "裂缝", "维修", "土地", "边界", "树木", "排水",
  "垃圾", "占用", "通道", "借款", "利息", "期限", "签字", "确认", "部分", "全部", "金额", "元",
  "本月", "下周", "今天", "上午", "下午", "再次", "约定", "见面", "情绪", "激动", "平稳", "理解",
];
const ZH_PLACES = ["东城社区", "西河村", "南湖街道", "北关村", "新华路", "幸福小区", "工业园", "老街", "桥头村", "滨江苑"];

const EN_FIRST = ["James", "Mary", "John", "Linda", "Robert", "Susan", "Ahmed", "Fatima", "Wei", "Mei", "Carlos", "Ana", "Peter", "Grace", "Samuel", "Ruth", "David", "Esther", "Joseph", "Naomi"];
const EN_LAST = ["Smith", "Okafor", "Nguyen", "Garcia", "Brown", "Mensah", "Khan", "Lopez", "Wilson", "Chen", "Adeyemi", "Taylor", "Singh", "Moore", "Kamau", "Clark"];
const EN_WORDS = [
  "neighbour", "dispute", "noise", "leak", "compensation", "agreed", "mediator", "both", "parties",
  "instalments", "repayment", "wages", "unpaid", "house", "tenancy", "deposit", "returned", "landlord",
  "parking", "dog", "renovation", "inheritance", "support", "elderly", "children", "marriage",
  "property", "division", "contract", "breach", "invoice", "medical", "costs", "accident", "damage",
  "assessment", "village", "committee", "agreement", "follow-up", "call", "visit", "site", "situation",
  "explained", "requested", "responsibility", "resolved", "proposal", "after", "several", "meetings",
  "reached", "consensus", "applicant", "respondent", "evidence", "photos", "receipts", "upstairs",
  "downstairs", "wall", "crack", "repair", "boundary", "fence", "trees", "drainage", "rubbish",
  "blocked", "path", "loan", "interest", "deadline", "signed", "confirmed", "partly", "fully", "amount",
  "this", "month", "next", "week", "today", "morning", "afternoon", "again", "meet", "upset", "calm",
  "understood", "the", "and", "to", "of", "with", "on", "for", "was", "will",
];
const EN_PLACES = ["East Ward", "River Village", "Lakeside Street", "North Gate", "Market Road", "Hill Estate", "Station Lane", "Old Town", "Bridge End", "Park View"];

const STATUSES = ["open", "mediating", "agreed", "closed", "referred"];
const CATEGORIES = ["neighbour", "family", "labour", "debt", "property", "consumer", "tenancy", "traffic"];

function zhSentence(rnd, words) {
  let s = "";
  for (let i = 0; i < words; i++) {
    s += rnd.pick(ZH_WORDS);
    if (i > 0 && i < words - 1 && rnd.next() < 0.15) s += "，";
  }
  return s + "。";
}

function enSentence(rnd, words) {
  const parts = [];
  for (let i = 0; i < words; i++) parts.push(rnd.pick(EN_WORDS));
  const s = parts.join(" ");
  return s[0].toUpperCase() + s.slice(1) + ".";
}

function date(rnd, base, spreadDays) {
  const t = base + rnd.int(0, spreadDays * 86400) * 1000;
  return new Date(t).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** One synthetic case; `zh` picks the language of its free text and names. */
function makeCase(rnd, index, zh) {
  const name = zh
    ? () => rnd.pick(ZH_SURNAMES) + rnd.pick(ZH_GIVEN) + (rnd.next() < 0.6 ? rnd.pick(ZH_GIVEN) : "")
    : () => `${rnd.pick(EN_FIRST)} ${rnd.pick(EN_LAST)}`;
  // Chinese text is 3 bytes per character in UTF-8, so it needs fewer characters than English
  // for the same ~1.2 KB per record.
  const sentence = zh ? (n) => zhSentence(rnd, n) : (n) => enSentence(rnd, n);
  const short = zh ? [3, 5] : [4, 7];
  const long = zh ? [13, 19] : [11, 18];
  const text = (count) => {
    let out = "";
    for (let i = 0; i < count; i++) out += (i && !zh ? " " : "") + sentence(rnd.int(long[0], long[1]));
    return out;
  };
  const created = date(rnd, Date.UTC(2023, 0, 1), 700);
  const notes = [];
  const noteCount = rnd.int(1, 3);
  for (let i = 0; i < noteCount; i++) {
    notes.push({ at: date(rnd, Date.parse(created), 60), by: name(), text: text(rnd.int(1, 2)) });
  }
  return {
    id: `C-${String(index + 1).padStart(6, "0")}`,
    lang: zh ? "zh-CN" : "en",
    created,
    updated: date(rnd, Date.parse(created), 90),
    status: rnd.pick(STATUSES),
    category: rnd.pick(CATEGORIES),
    title: sentence(rnd.int(short[0], short[1])).slice(0, -1),
    parties: [
      { role: "applicant", name: name(), phone: `1${rnd.int(30, 89)}${String(rnd.int(0, 99999999)).padStart(8, "0")}` },
      { role: "respondent", name: name(), phone: `1${rnd.int(30, 89)}${String(rnd.int(0, 99999999)).padStart(8, "0")}` },
    ],
    mediator: name(),
    location: rnd.pick(zh ? ZH_PLACES : EN_PLACES),
    summary: text(rnd.int(2, 4)),
    notes,
    tags: [rnd.pick(CATEGORIES), rnd.pick(STATUSES)],
    amount: rnd.next() < 0.5 ? rnd.int(100, 200000) : null,
  };
}

/** `count` cases from `seed`; even indexes are Chinese, odd ones English. */
export function generateCases(count = DEFAULT_COUNT, seed = DEFAULT_SEED) {
  const rnd = seededRandom(seed);
  const cases = new Array(count);
  for (let i = 0; i < count; i++) cases[i] = makeCase(rnd, i, i % 2 === 0);
  return cases;
}

const memo = new Map();

/** The fixture as one JSON text plus its size and hash (memoised per count/seed). */
export function fixtureInfo(count = DEFAULT_COUNT, seed = DEFAULT_SEED) {
  const key = `${count}:${seed}`;
  if (!memo.has(key)) {
    const cases = generateCases(count, seed);
    const json = JSON.stringify(cases);
    const bytes = Buffer.byteLength(json, "utf8");
    const sha256 = createHash("sha256").update(json, "utf8").digest("hex");
    memo.set(key, { count, seed, cases, json, bytes, sha256 });
  }
  return memo.get(key);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const arg = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : fallback;
  };
  const info = fixtureInfo(Number(arg("--count", DEFAULT_COUNT)), Number(arg("--seed", DEFAULT_SEED)));
  const out = arg("--out", null);
  if (out) writeFileSync(out, info.json);
  console.log(`${info.count} cases, seed ${info.seed}: ${info.bytes} bytes (${(info.bytes / info.count).toFixed(0)} B/case), sha256 ${info.sha256}${out ? `, written to ${out}` : ""}`);
}
