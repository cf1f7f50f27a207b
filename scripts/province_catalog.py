#!/usr/bin/env python3
"""Write a synthetic province-scale catalog, built from the embedded one, for `make bench`.

    python3 scripts/province_catalog.py [--seed N] [--families N] [--counties N] [--out DIR]

The catalog is deterministic from the seed (same arguments, same bytes) and its
distributions of fields, materials, steps, limits, visits and channels are the embedded
catalog's, because every file is a copy of an embedded file:

- items: `--families` clones of the embedded catalog's 37 items, keys suffixed `-f12` and
  codes `-F12`, so that preconditions, outputs and bundles map inside a family; the last
  family is trimmed (to a precondition-closed prefix) so that there are `--items` in all
  (default 3,443: 93 full families and two items of a 94th);
- localities: Zhejiang's 11 cities (real prefecture codes), each with practices for
  60-75% of the items, and `--counties` counties (default 100: the 90 real county-level
  divisions under those cities, then 10 development zones with illustrative codes in the
  71-79 range), each with practices for 3-5% of the items. The embedded catalog's
  localities keep their real codes, folders and texts, so item `pins:` keep resolving;
- practices: each one a copy of an embedded practice of the same base item (the `item:`
  key substituted); a locality of the embedded catalog copies its own practice when it has
  one, and a pinned locality always has the pinned item. Every item has at least one
  practice and one copy of its shortest embedded promise, so that its merged limit equals
  the embedded one and the cloned bundles keep meeting their promises;
- bundles: `--bundles` in all (default 200 at province scale): half are the embedded
  bundles cloned over the first families, half are composed within a family from items
  whose preconditions are all in the bundle (independent items, or chains), with no two
  items declaring the same local field, promising their critical path or a day more;
- the dictionary, the calendars and jimu.yaml are copied; jimu.yaml raises
  `limits.max_files` to fit.

The output folder is `--out`, else $BENCH_CATALOG, else a new temporary folder; its path is
the last line printed on standard output, the sizes go to standard error. An existing
non-empty folder is only replaced when it holds a catalog this script wrote.

Standard library only.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
HEADER = "# Synthetic province-scale catalog written by scripts/province_catalog.py"
DEFAULT_SEED = 20260101
DEFAULT_FAMILIES = 94
DEFAULT_ITEMS = 3443
DEFAULT_COUNTIES = 100
DEFAULT_BUNDLES = 200
CITY_SHARE = (0.60, 0.75)
COUNTY_SHARE = (0.03, 0.05)

# Zhejiang's prefectures (GB/T 2260): code, Chinese name, slug, English name.
CITIES = [
    ("330100", "杭州市", "hangzhou", "Hangzhou"),
    ("330200", "宁波市", "ningbo", "Ningbo"),
    ("330300", "温州市", "wenzhou", "Wenzhou"),
    ("330400", "嘉兴市", "jiaxing", "Jiaxing"),
    ("330500", "湖州市", "huzhou", "Huzhou"),
    ("330600", "绍兴市", "shaoxing", "Shaoxing"),
    ("330700", "金华市", "jinhua", "Jinhua"),
    ("330800", "衢州市", "quzhou", "Quzhou"),
    ("330900", "舟山市", "zhoushan", "Zhoushan"),
    ("331000", "台州市", "taizhou", "Taizhou"),
    ("331100", "丽水市", "lishui", "Lishui"),
]

# County-level divisions: code, Chinese name, slug, English name. District (区) and county
# (县) names take their city in front, as the embedded catalog writes them; county-level
# cities (市) stand alone. The 90 real divisions come first; the 10 development zones after
# them use illustrative codes in the 71-79 range, which GB/T 2260 leaves free and statistical
# division codes use for such zones.
COUNTIES = [
    ("330102", "上城区", "shangcheng", "Shangcheng District"),
    ("330105", "拱墅区", "gongshu", "Gongshu District"),
    ("330106", "西湖区", "xihu", "Xihu District"),
    ("330108", "滨江区", "binjiang", "Binjiang District"),
    ("330109", "萧山区", "xiaoshan", "Xiaoshan District"),
    ("330110", "余杭区", "yuhang", "Yuhang District"),
    ("330111", "富阳区", "fuyang", "Fuyang District"),
    ("330112", "临安区", "linan", "Lin'an District"),
    ("330113", "临平区", "linping", "Linping District"),
    ("330114", "钱塘区", "qiantang", "Qiantang District"),
    ("330122", "桐庐县", "tonglu", "Tonglu County"),
    ("330127", "淳安县", "chunan", "Chun'an County"),
    ("330182", "建德市", "jiande", "Jiande"),
    ("330203", "海曙区", "haishu", "Haishu District"),
    ("330205", "江北区", "jiangbei", "Jiangbei District"),
    ("330206", "北仑区", "beilun", "Beilun District"),
    ("330211", "镇海区", "zhenhai", "Zhenhai District"),
    ("330212", "鄞州区", "yinzhou", "Yinzhou District"),
    ("330213", "奉化区", "fenghua", "Fenghua District"),
    ("330225", "象山县", "xiangshan", "Xiangshan County"),
    ("330226", "宁海县", "ninghai", "Ninghai County"),
    ("330281", "余姚市", "yuyao", "Yuyao"),
    ("330282", "慈溪市", "cixi", "Cixi"),
    ("330302", "鹿城区", "lucheng", "Lucheng District"),
    ("330303", "龙湾区", "longwan", "Longwan District"),
    ("330304", "瓯海区", "ouhai", "Ouhai District"),
    ("330305", "洞头区", "dongtou", "Dongtou District"),
    ("330324", "永嘉县", "yongjia", "Yongjia County"),
    ("330326", "平阳县", "pingyang", "Pingyang County"),
    ("330327", "苍南县", "cangnan", "Cangnan County"),
    ("330328", "文成县", "wencheng", "Wencheng County"),
    ("330329", "泰顺县", "taishun", "Taishun County"),
    ("330381", "瑞安市", "ruian", "Rui'an"),
    ("330382", "乐清市", "yueqing", "Yueqing"),
    ("330383", "龙港市", "longgang", "Longgang"),
    ("330402", "南湖区", "nanhu", "Nanhu District"),
    ("330411", "秀洲区", "xiuzhou", "Xiuzhou District"),
    ("330421", "嘉善县", "jiashan", "Jiashan County"),
    ("330424", "海盐县", "haiyan", "Haiyan County"),
    ("330481", "海宁市", "haining", "Haining"),
    ("330482", "平湖市", "pinghu", "Pinghu"),
    ("330483", "桐乡市", "tongxiang", "Tongxiang"),
    ("330502", "吴兴区", "wuxing", "Wuxing District"),
    ("330503", "南浔区", "nanxun", "Nanxun District"),
    ("330521", "德清县", "deqing", "Deqing County"),
    ("330522", "长兴县", "changxing", "Changxing County"),
    ("330523", "安吉县", "anji", "Anji County"),
    ("330602", "越城区", "yuecheng", "Yuecheng District"),
    ("330603", "柯桥区", "keqiao", "Keqiao District"),
    ("330604", "上虞区", "shangyu", "Shangyu District"),
    ("330624", "新昌县", "xinchang", "Xinchang County"),
    ("330681", "诸暨市", "zhuji", "Zhuji"),
    ("330683", "嵊州市", "shengzhou", "Shengzhou"),
    ("330702", "婺城区", "wucheng", "Wucheng District"),
    ("330703", "金东区", "jindong", "Jindong District"),
    ("330723", "武义县", "wuyi", "Wuyi County"),
    ("330726", "浦江县", "pujiang", "Pujiang County"),
    ("330727", "磐安县", "panan", "Pan'an County"),
    ("330781", "兰溪市", "lanxi", "Lanxi"),
    ("330782", "义乌市", "yiwu", "Yiwu"),
    ("330783", "东阳市", "dongyang", "Dongyang"),
    ("330784", "永康市", "yongkang", "Yongkang"),
    ("330802", "柯城区", "kecheng", "Kecheng District"),
    ("330803", "衢江区", "qujiang", "Qujiang District"),
    ("330822", "常山县", "changshan", "Changshan County"),
    ("330824", "开化县", "kaihua", "Kaihua County"),
    ("330825", "龙游县", "longyou", "Longyou County"),
    ("330881", "江山市", "jiangshan", "Jiangshan"),
    ("330902", "定海区", "dinghai", "Dinghai District"),
    ("330903", "普陀区", "putuo", "Putuo District"),
    ("330921", "岱山县", "daishan", "Daishan County"),
    ("330922", "嵊泗县", "shengsi", "Shengsi County"),
    ("331002", "椒江区", "jiaojiang", "Jiaojiang District"),
    ("331003", "黄岩区", "huangyan", "Huangyan District"),
    ("331004", "路桥区", "luqiao", "Luqiao District"),
    ("331022", "三门县", "sanmen", "Sanmen County"),
    ("331023", "天台县", "tiantai", "Tiantai County"),
    ("331024", "仙居县", "xianju", "Xianju County"),
    ("331081", "温岭市", "wenling", "Wenling"),
    ("331082", "临海市", "linhai", "Linhai"),
    ("331083", "玉环市", "yuhuan", "Yuhuan"),
    ("331102", "莲都区", "liandu", "Liandu District"),
    ("331121", "青田县", "qingtian", "Qingtian County"),
    ("331122", "缙云县", "jinyun", "Jinyun County"),
    ("331123", "遂昌县", "suichang", "Suichang County"),
    ("331124", "松阳县", "songyang", "Songyang County"),
    ("331125", "云和县", "yunhe", "Yunhe County"),
    ("331126", "庆元县", "qingyuan", "Qingyuan County"),
    ("331127", "景宁畲族自治县", "jingning", "Jingning She Autonomous County"),
    ("331181", "龙泉市", "longquan", "Longquan"),
    # Development zones (illustrative codes).
    ("330171", "萧山经济技术开发区", "xiaoshan-etdz", "Xiaoshan Economic and Technological Development Zone"),
    ("330271", "杭州湾新区", "hangzhou-bay", "Hangzhou Bay New Area"),
    ("330272", "保税区", "ftz", "Free Trade Zone"),
    ("330371", "经济技术开发区", "etdz", "Economic and Technological Development Zone"),
    ("330471", "经济技术开发区", "etdz", "Economic and Technological Development Zone"),
    ("330571", "莫干山高新技术产业开发区", "moganshan-htz", "Moganshan High-tech Zone"),
    ("330671", "滨海新区", "binhai", "Binhai New Area"),
    ("330771", "经济技术开发区", "etdz", "Economic and Technological Development Zone"),
    ("330871", "智造新城", "smart-city", "Intelligent Manufacturing New City"),
    ("331071", "台州湾新区", "taizhou-bay", "Taizhou Bay New Area"),
]

KEY_BOUNDARY = r"(?<![a-z0-9_.-]){}(?![a-z0-9_.-])"


# ---------------------------------------------------------------------------------------
# Reading the embedded catalog. Its files follow one house style (one top-level key a line,
# preconditions and pins in flow style); every fact read here is checked for consistency,
# and a style this reader does not know stops the script instead of producing a wrong copy.


@dataclass
class BaseItem:
    key: str
    text: str
    code: str
    department: str
    statutory: int
    zh: str
    en: str
    preconditions: list[str]
    local_fields: list[str]
    pins: dict[str, str]
    audience: tuple[str, ...]


@dataclass
class BasePractice:
    locality: str  # division code
    item: str
    text: str
    limit: int


@dataclass
class BaseBundle:
    key: str
    text: str
    items: list[str]
    limit: int


@dataclass
class Embedded:
    root: Path
    config: str
    items: dict[str, BaseItem]
    order: list[str]  # item keys, preconditions first (then by key)
    practices: dict[str, list[BasePractice]]  # by item key, in locality-code order
    localities: dict[str, tuple[str, str]]  # code -> (folder, locality.yaml text)
    bundles: list[BaseBundle]


class FormatError(Exception):
    pass


def top_level(text: str, key: str) -> str | None:
    """The value of a top-level `key:` with its indented continuation lines, or None."""
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if line.startswith(key + ":"):
            value = [line[len(key) + 1:].strip()]
            for following in lines[index + 1:]:
                if following.startswith((" ", "\t")) or following.strip() == "":
                    value.append(following)
                else:
                    break
            return "\n".join(value).strip()
    return None


def flow_or_block_list(value: str | None) -> list[str]:
    if not value:
        return []
    if value.startswith("["):
        if not value.endswith("]"):
            raise FormatError(f"unsupported list: {value!r}")
        return [part.strip().strip("'\"") for part in value[1:-1].split(",") if part.strip()]
    entries = []
    for line in value.split("\n"):
        line = line.strip()
        if line.startswith("- "):
            entries.append(line[2:].strip().strip("'\""))
        elif line and not line.startswith("#"):
            raise FormatError(f"unsupported list line: {line!r}")
    return entries


def scalar(value: str | None, what: str) -> str:
    if value is None:
        raise FormatError(f"missing {what}")
    return value.strip().strip("'\"")


def read_embedded(root: Path) -> Embedded:
    items: dict[str, BaseItem] = {}
    for path in sorted((root / "items").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        key = scalar(top_level(text, "key"), f"key in {path}")
        if key != path.stem:
            raise FormatError(f"{path}: key {key} is not the file name")
        header = re.match(r"# Item frame: (.+?) \((.+)\)\.\n", text)
        zh, en = (header.group(1), header.group(2)) if header else (key, key)
        locals_value = top_level(text, "local_fields") or ""
        pins_value = top_level(text, "pins")
        pins: dict[str, str] = {}
        if pins_value:
            match = re.fullmatch(r"\{(.*)\}", pins_value)
            if not match:
                raise FormatError(f"{path}: unsupported pins {pins_value!r}")
            for pair in match.group(1).split(","):
                dimension, _, code = pair.partition(":")
                pins[dimension.strip()] = code.strip().strip("'\"")
        items[key] = BaseItem(
            key=key,
            text=text,
            code=scalar(top_level(text, "code"), f"code in {path}"),
            department=scalar(top_level(text, "department"), f"department in {path}"),
            statutory=int(scalar(top_level(text, "statutory_limit"), f"statutory_limit in {path}")),
            zh=zh,
            en=en,
            preconditions=flow_or_block_list(top_level(text, "preconditions")),
            local_fields=re.findall(r"^\s*-\s*\{?\s*id:\s*([a-z][a-z0-9_.]*)", locals_value, re.M),
            pins=pins,
            audience=tuple(sorted(flow_or_block_list(top_level(text, "audience")))),
        )
    for item in items.values():
        for precondition in item.preconditions:
            if precondition not in items:
                raise FormatError(f"item {item.key}: unknown precondition {precondition}")

    practices: dict[str, list[BasePractice]] = {key: [] for key in items}
    localities: dict[str, tuple[str, str]] = {}
    for folder in sorted((root / "localities").iterdir()):
        if not folder.is_dir():
            continue
        text = (folder / "locality.yaml").read_text(encoding="utf-8")
        code = scalar(top_level(text, "code"), f"code in {folder}")
        localities[code] = (folder.name, text)
        for path in sorted(folder.glob("*.yaml")):
            if path.name == "locality.yaml":
                continue
            text = path.read_text(encoding="utf-8")
            item = scalar(top_level(text, "item"), f"item in {path}")
            if item != path.stem or item not in items:
                raise FormatError(f"{path}: item {item} is not the file name or not an item")
            limit = int(scalar(top_level(text, "promised_limit"), f"promised_limit in {path}"))
            if limit > items[item].statutory:
                raise FormatError(f"{path}: promised limit above the statutory one")
            practices[item].append(BasePractice(code, item, text, limit))
    for key, found in practices.items():
        if not found:
            raise FormatError(f"item {key} has no practice in the embedded catalog")
    for key, item in items.items():
        for dimension, code in item.pins.items():
            if not any(p.locality == code for p in practices[key]):
                raise FormatError(f"item {key} pins {dimension} to {code}, which has no practice for it")

    bundles = []
    for path in sorted((root / "bundles").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        bundles.append(
            BaseBundle(
                key=scalar(top_level(text, "key"), f"key in {path}"),
                text=text,
                items=flow_or_block_list(top_level(text, "items")),
                limit=int(scalar(top_level(text, "promised_limit"), f"promised_limit in {path}")),
            )
        )

    # Preconditions first, then by key: every prefix of this order is precondition-closed.
    order: list[str] = []
    pending = sorted(items)
    while pending:
        ready = [key for key in pending if all(p in order for p in items[key].preconditions)]
        if not ready:
            raise FormatError("the embedded items' preconditions form a cycle")
        order.append(ready[0])
        pending.remove(ready[0])

    config = (root / "jimu.yaml").read_text(encoding="utf-8")
    return Embedded(root, config, items, order, practices, localities, bundles)


# ---------------------------------------------------------------------------------------
# Writing the province.


def yaml_text(value: str) -> str:
    """A flow scalar: plain when safe, else single-quoted (the embedded catalog's style)."""
    if re.fullmatch(r"[A-Za-z\u4e00-\u9fff][^,:{}\[\]#'\"&*!|>%@`]*", value) and value == value.strip():
        return value
    return "'" + value.replace("'", "''") + "'"


@dataclass
class Locality:
    code: str
    folder: str
    zh: str
    level: str
    text: str
    share: float = 0.0


@dataclass
class Generated:
    files: dict[str, str] = field(default_factory=dict)  # relative path -> text
    items: int = 0
    practices: int = 0
    bundles: int = 0
    localities: int = 0


def make_localities(embedded: Embedded, counties: int, seed: int) -> list[Locality]:
    city_of = {code[:4]: (zh, en) for code, zh, _, en in CITIES}
    result: list[Locality] = []
    for code, zh, slug, en in CITIES:
        if code in embedded.localities:
            folder, text = embedded.localities[code]
        else:
            folder = f"{code}-{slug}"
            text = (
                f"# Locality: {zh} ({en}).\ncode: \"{code}\"\nname: {{zh: {zh}, en: {yaml_text(en)}}}\nlevel: city\n"
            )
        result.append(Locality(code, folder, zh, "city", text))

    pinned = sorted({code for item in embedded.items.values() for code in item.pins.values()})
    embedded_counties = sorted(code for code in embedded.localities if code not in {c[0] for c in CITIES})
    for code in pinned + embedded_counties:
        if code not in {c[0] for c in COUNTIES} and code not in {c[0] for c in CITIES}:
            raise FormatError(f"embedded locality {code} is neither a city nor a county of the table")
    if counties < len([c for c in pinned if c not in {x[0] for x in CITIES}]):
        raise SystemExit(f"--counties must be at least {len(pinned)}: the pinned localities {', '.join(pinned)}")
    if counties > len(COUNTIES):
        raise SystemExit(f"--counties is at most {len(COUNTIES)}")
    rest = [c[0] for c in COUNTIES if c[0] not in pinned and c[0] not in embedded_counties]
    random.Random(f"{seed}/counties").shuffle(rest)
    chosen: list[str] = []
    for code in pinned + embedded_counties + rest:
        if code not in chosen and code not in {c[0] for c in CITIES}:
            chosen.append(code)
    chosen = set(chosen[:counties])
    for code, zh, slug, en in COUNTIES:
        if code not in chosen:
            continue
        if code in embedded.localities:
            folder, text = embedded.localities[code]
        else:
            city_zh, city_en = city_of[code[:4]]
            standalone = zh.endswith("市") and not zh.endswith("区")
            city_slug = next(s for c, _, s, _ in CITIES if c[:4] == code[:4])
            full_zh = zh if standalone else city_zh + zh
            full_en = en if standalone else f"{en}, {city_en}"
            folder = f"{code}-{slug}" if standalone else f"{code}-{city_slug}-{slug}"
            text = (
                f"# Locality: {full_zh} ({full_en}).\ncode: \"{code}\"\n"
                f"name: {{zh: {full_zh}, en: {yaml_text(full_en)}}}\nlevel: county\nparent: \"{code[:4]}00\"\n"
            )
            zh = full_zh
        result.append(Locality(code, folder, zh, "county", text))
    result.sort(key=lambda locality: locality.code)

    shares = random.Random(f"{seed}/shares")
    for locality in result:
        low, high = CITY_SHARE if locality.level == "city" else COUNTY_SHARE
        locality.share = shares.uniform(low, high)
    return result


def locality_zh(locality: Locality) -> str:
    match = re.search(r"name: \{zh: ([^,}]+)", locality.text)
    return match.group(1).strip() if match else locality.zh


class KeyMap:
    """Whole-key substitution (`item: x` → `item: x-f12`) of every key of a family in one pass.
    A key is matched only where no key, id or dotted element id character touches it."""

    def __init__(self, mapping: dict[str, str]):
        self.mapping = mapping
        alternatives = "|".join(re.escape(key) for key in sorted(mapping, key=len, reverse=True))
        self.pattern = re.compile(KEY_BOUNDARY.format(f"(?:{alternatives})"))

    def __call__(self, text: str) -> str:
        return self.pattern.sub(lambda match: self.mapping[match.group(0)], text)


def generate(
    embedded: Embedded, *, seed: int, families: int, item_count: int, counties: int, bundle_count: int
) -> Generated:
    out = Generated()
    per_family = len(embedded.order)
    item_count = min(item_count, families * per_family)
    families = -(-item_count // per_family)
    localities = make_localities(embedded, counties, seed)
    embedded_codes = set(embedded.localities)

    # Families and their items (the last one trimmed to a precondition-closed prefix).
    family_items: dict[int, list[str]] = {}
    for family in range(1, families + 1):
        keep = min(per_family, item_count - (family - 1) * per_family)
        family_items[family] = embedded.order[:keep]

    merged_limit: dict[tuple[int, str], int] = {}  # (family, base key) -> the standard's limit
    practice_files: list[tuple[str, str]] = []
    for family, bases in family_items.items():
        rng = random.Random(f"{seed}/family/{family}")
        mapping = {base: f"{base}-f{family}" for base in bases}
        substitute_keys = KeyMap(mapping)
        for base in bases:
            item = embedded.items[base]
            key = mapping[base]
            text = substitute_keys(item.text)
            text, count = re.subn(
                r"^code: .*$", f'code: "{item.code}-F{family}"', text, count=1, flags=re.M
            )
            if count != 1 or len(key) > 64 or len(item.code) + len(f"-F{family}") > 64:
                raise FormatError(f"item {key}: cannot suffix its key or code")
            out.files[f"items/{key}.yaml"] = text
            out.items += 1

            # Which localities run the item, and whose practice each copies.
            sources = embedded.practices[base]
            shortest = min(p.limit for p in sources)
            pinned = set(item.pins.values())
            chosen: list[tuple[Locality, BasePractice, bool]] = []  # (locality, source, fixed)
            for locality in localities:
                draw = rng.random()
                pick = rng.choice(sources)
                if draw >= locality.share and locality.code not in pinned:
                    continue
                own = next((p for p in sources if p.locality == locality.code), None)
                if locality.code in embedded_codes and own is not None:
                    chosen.append((locality, own, True))
                else:
                    chosen.append((locality, pick, False))
            # At least one practice, and one copy of the shortest embedded promise.
            if not any(source.limit == shortest for _, source, _ in chosen):
                best = rng.choice([p for p in sources if p.limit == shortest])
                free = [index for index, (_, _, fixed) in enumerate(chosen) if not fixed]
                if free:
                    index = free[rng.randrange(len(free))]
                    chosen[index] = (chosen[index][0], best, False)
                else:
                    taken = {locality.code for locality, _, _ in chosen}
                    cities = [l for l in localities if l.level == "city" and l.code not in taken]
                    chosen.append((rng.choice(cities), best, False))
                    chosen.sort(key=lambda entry: entry[0].code)
            by_code = {locality.code: source for locality, source, _ in chosen}
            limit_pin = item.pins.get("limit")
            if limit_pin:
                merged_limit[(family, base)] = min(by_code[limit_pin].limit, item.statutory)
            else:
                merged_limit[(family, base)] = min(min(s.limit for s in by_code.values()), item.statutory)
            for locality, source, _ in chosen:
                text = substitute_keys(source.text)
                text = re.sub(
                    r"^# Practice of .+? for ", f"# Practice of {locality_zh(locality)} for ", text, count=1
                )
                practice_files.append((f"localities/{locality.folder}/{key}.yaml", text))

    for locality in localities:
        out.files[f"localities/{locality.folder}/locality.yaml"] = locality.text
        out.localities += 1
    for path, text in practice_files:
        out.files[path] = text
        out.practices += 1

    # Bundles: clones of the embedded ones over the first families, then composed ones.
    rng = random.Random(f"{seed}/bundles")
    taken: set[frozenset[str]] = set()
    clones = min(bundle_count // 2 if bundle_count > 1 else bundle_count, families * len(embedded.bundles))
    made = 0
    for family, bases in family_items.items():
        for bundle in embedded.bundles:
            if made >= clones:
                break
            if not all(base in bases for base in bundle.items):
                continue
            mapping = {base: f"{base}-f{family}" for base in bases}
            mapping[bundle.key] = f"{bundle.key}-f{family}"
            path_days = critical_path(embedded, family, bundle.items, merged_limit)
            if path_days > bundle.limit:
                raise FormatError(f"bundle {bundle.key}-f{family}: critical path {path_days} over {bundle.limit}")
            out.files[f"bundles/{bundle.key}-f{family}.yaml"] = KeyMap(mapping)(bundle.text)
            taken.add(frozenset(mapping[base] for base in bundle.items))
            made += 1
    eligible = [family for family, bases in family_items.items() if len(bases) >= 2]
    rng.shuffle(eligible)
    composed = 0
    attempts = 0
    while made < bundle_count and eligible:
        attempts += 1
        if attempts > 100 * bundle_count:
            raise FormatError("cannot compose enough distinct bundles; lower --bundles")
        family = eligible[composed % len(eligible)]
        members = compose_bundle(embedded, family_items[family], rng)
        if members is None or frozenset(f"{m}-f{family}" for m in members) in taken:
            continue
        composed += 1
        made += 1
        taken.add(frozenset(f"{m}-f{family}" for m in members))
        days = critical_path(embedded, family, members, merged_limit)
        promise = days + rng.choice([0, 0, 1])
        key = f"joint-{composed:03d}-f{family}"
        out.files[f"bundles/{key}.yaml"] = bundle_text(embedded, key, family, members, promise)
    out.bundles = made

    # Shared files, copied; jimu.yaml with room for every file.
    for folder in ("dictionary", "calendar", "templates"):
        source = embedded.root / folder
        if source.is_dir():
            for path in sorted(source.rglob("*")):
                if path.is_file():
                    out.files[path.relative_to(embedded.root).as_posix()] = path.read_text(encoding="utf-8")
    config = embedded.config
    if re.search(r"^limits:", config, re.M):
        raise FormatError("the embedded jimu.yaml already has limits: merge them here")
    max_files = max(20000, -(-(len(out.files) + 1) * 5 // 4 // 10000) * 10000)
    config = re.sub(r"\A(#[^\n]*\n)*", "", config)
    out.files["jimu.yaml"] = (
        f"{HEADER}\n# --seed {seed} --families {families} --items {item_count} --counties {counties} "
        f"--bundles {bundle_count}\n{config.rstrip()}\nlimits: {{max_files: {max_files}}}\n"
    )
    return out


def critical_path(embedded: Embedded, family: int, members: list[str], limits: dict[tuple[int, str], int]) -> int:
    """The bundle's schedule as Jimu computes it: each item starts when the members it needs end."""
    finish: dict[str, int] = {}
    for base in [key for key in embedded.order if key in members]:
        start = max((finish[p] for p in embedded.items[base].preconditions if p in members), default=0)
        finish[base] = start + limits[(family, base)]
    return max(finish.values(), default=0)


def compose_bundle(embedded: Embedded, bases: list[str], rng: random.Random) -> list[str] | None:
    """2-7 items of one family, closed under preconditions, no local field declared twice."""
    target = min(rng.randint(2, 7), len(bases))
    pool = list(bases)
    rng.shuffle(pool)
    # A "one thing" serves one audience: items for the first item's audience come first.
    audience = embedded.items[pool[0]].audience
    pool.sort(key=lambda key: embedded.items[key].audience != audience)
    members: list[str] = []
    local_ids: set[str] = set()
    for candidate in pool:
        closure: list[str] = []
        pending = [candidate]
        while pending:
            key = pending.pop()
            if key in closure or key in members:
                continue
            closure.append(key)
            pending.extend(embedded.items[key].preconditions)
        if not closure or len(members) + len(closure) > target:
            continue
        ids = [i for key in closure for i in embedded.items[key].local_fields]
        if len(set(ids)) != len(ids) or local_ids & set(ids):
            continue
        members.extend(closure)
        local_ids.update(ids)
        if len(members) == target:
            break
    if len(members) < 2:
        return None
    return [key for key in embedded.order if key in members]


def bundle_text(embedded: Embedded, key: str, family: int, members: list[str], promise: int) -> str:
    items = [embedded.items[base] for base in members]
    zh_names = [item.zh for item in items]
    # "Joint birth registration …": lower-case the first letter unless it starts an acronym.
    en_names = [item.en[0].lower() + item.en[1:] if item.en[:2] != item.en[:2].upper() else item.en for item in items]
    if len(items) <= 3:
        zh = "、".join(zh_names) + "联办一件事"
        en = "Joint " + " and ".join(en_names) + ' "one thing"'
    else:
        zh = f"{zh_names[0]}等{len(items)}项联办一件事"
        en = f'Joint {en_names[0]} and {len(items) - 1} more items "one thing"'
    done_zh = "当场办结" if promise == 0 else f"{promise}个工作日内办结"
    done_en = "done on the spot" if promise == 0 else f"done within {promise} working day{'s' if promise > 1 else ''}"
    description_zh = f"{'、'.join(zh_names)}一表申请、一次提交，{done_zh}。"
    description_en = f"{'; '.join(item.en for item in items)}: one form, one submission, {done_en}."
    lines = [
        f"# Bundle: {zh} (composed within family {family}).",
        f"key: {key}",
        f"name: {{zh: {yaml_text(zh)}, en: {yaml_text(en)}}}",
        f"lead_department: {items[0].department}",
        "items:",
        *[f"  - {base}-f{family}" for base in members],
        f"promised_limit: {promise}",
        "description:",
        f"  zh: {yaml_text(description_zh)}",
        f"  en: {yaml_text(description_en)}",
    ]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------


def prepare_output(out: Path) -> None:
    if out.exists() and any(out.iterdir()):
        config = out / "jimu.yaml"
        if not config.is_file() or not config.read_text(encoding="utf-8").startswith(HEADER):
            raise SystemExit(f"{out} is not empty and holds no catalog this script wrote; choose another folder")
        for child in out.iterdir():
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
    out.mkdir(parents=True, exist_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    parser.add_argument("--families", type=int, default=DEFAULT_FAMILIES,
                        help=f"clones of the embedded items (default {DEFAULT_FAMILIES}, the last one trimmed)")
    parser.add_argument("--items", type=int, default=DEFAULT_ITEMS,
                        help=f"items in all, at most families x 37 (default {DEFAULT_ITEMS})")
    parser.add_argument("--counties", type=int, default=DEFAULT_COUNTIES,
                        help=f"county-level localities (default {DEFAULT_COUNTIES}, at most {len(COUNTIES)})")
    parser.add_argument("--bundles", type=int, default=None,
                        help=f"bundles (default {DEFAULT_BUNDLES} at {DEFAULT_ITEMS} items, proportionally fewer below)")
    parser.add_argument("--source", type=Path, default=REPO / "catalog", help="the embedded catalog (default catalog/)")
    parser.add_argument("--out", type=Path, default=None,
                        help="output folder (default $BENCH_CATALOG, else a new temporary folder)")
    args = parser.parse_args(argv)
    if args.families < 1 or args.items < 1:
        parser.error("--families and --items must be positive")

    embedded = read_embedded(args.source)
    items = min(args.items, args.families * len(embedded.order))
    bundles = args.bundles
    if bundles is None:
        bundles = max(2, round(DEFAULT_BUNDLES * items / DEFAULT_ITEMS))
    generated = generate(
        embedded, seed=args.seed, families=args.families, item_count=items, counties=args.counties,
        bundle_count=bundles,
    )

    target = args.out or (Path(os.environ["BENCH_CATALOG"]) if os.environ.get("BENCH_CATALOG") else None)
    if target is None:
        target = Path(tempfile.mkdtemp(prefix="jimu-province-"))
    prepare_output(target)
    total = 0
    for relative in sorted(generated.files):
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        data = generated.files[relative].encode("utf-8")
        path.write_bytes(data)
        total += len(data)
    print(
        f"province catalog: {len(generated.files)} files, {total / 1e6:.1f} MB: {generated.items} items, "
        f"{generated.localities} localities, {generated.practices} practices, {generated.bundles} bundles "
        f"(seed {args.seed})",
        file=sys.stderr,
    )
    print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
