#!/usr/bin/env python3
"""Generate registration forms (附件2 of 晋退役军人发〔2024〕17号) the way people and existing government systems
write them, to test tuiyi against: 200 valid forms and 195 forms with exactly one defect each.

    python3 scripts/gen_real_forms.py            # writes tests/forms/generated/{valid,defects}.jsonl

Written from the seed text (附件2's fields, 附件3's materials, 八(八)) and the national standards, not from
tuiyi's code: GB 11643-1999 (ID numbers, ISO 7064 MOD 11-2), GB/T 2260 (division codes, the current Shanxi
counties and a few elsewhere, hard-coded below), GB/T 2261.1/.2/.3, GB/T 3304, GB/T 4762, GB/T 4658 (codes and
short names), GB 32100-2015 (USCC), ISO/IEC 7812 (Luhn), 《支付结算办法》附一 (amounts in words). Vocabulary
is mixed as real systems mix it: canonical names, two-digit codes, short names, everyday words, full-width
digits, spaces around values, `+86` phones, card numbers in groups of four, 8.0 for 8.

Each line of valid.jsonl: {"id", "today", "form"}. Each line of defects.jsonl: {"id", "today", "defect",
"path", "code", "severity", "form"}: the form has exactly that one defect, which a validator must report at
`path` (an error, or the warning named). Deterministic (fixed seed): re-running gives the same files.
"""
import json
import os
import random

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "forms", "generated")
SEED = 20240630

# ---------------------------------------------------------------------------------------------------------------
# Standards

# GB/T 2260: current Shanxi county-level units by prefecture (code, name), and the prefectures.
SHANXI = {
    ("140100", "太原市"): [("140105", "小店区"), ("140106", "迎泽区"), ("140107", "杏花岭区"), ("140108", "尖草坪区"),
                         ("140109", "万柏林区"), ("140110", "晋源区"), ("140121", "清徐县"), ("140122", "阳曲县"),
                         ("140123", "娄烦县"), ("140181", "古交市")],
    ("140200", "大同市"): [("140212", "新荣区"), ("140213", "平城区"), ("140214", "云冈区"), ("140215", "云州区"),
                         ("140221", "阳高县"), ("140222", "天镇县"), ("140223", "广灵县"), ("140224", "灵丘县"),
                         ("140225", "浑源县"), ("140226", "左云县")],
    ("140300", "阳泉市"): [("140302", "城区"), ("140303", "矿区"), ("140311", "郊区"), ("140321", "平定县"), ("140322", "盂县")],
    ("140400", "长治市"): [("140403", "潞州区"), ("140404", "上党区"), ("140405", "屯留区"), ("140406", "潞城区"),
                         ("140423", "襄垣县"), ("140425", "平顺县"), ("140426", "黎城县"), ("140427", "壶关县"),
                         ("140428", "长子县"), ("140429", "武乡县"), ("140430", "沁县"), ("140431", "沁源县")],
    ("140500", "晋城市"): [("140502", "城区"), ("140521", "沁水县"), ("140522", "阳城县"), ("140524", "陵川县"),
                         ("140525", "泽州县"), ("140581", "高平市")],
    ("140600", "朔州市"): [("140602", "朔城区"), ("140603", "平鲁区"), ("140621", "山阴县"), ("140622", "应县"),
                         ("140623", "右玉县"), ("140681", "怀仁市")],
    ("140700", "晋中市"): [("140702", "榆次区"), ("140703", "太谷区"), ("140721", "榆社县"), ("140722", "左权县"),
                         ("140723", "和顺县"), ("140724", "昔阳县"), ("140725", "寿阳县"), ("140727", "祁县"),
                         ("140728", "平遥县"), ("140729", "灵石县"), ("140781", "介休市")],
    ("140800", "运城市"): [("140802", "盐湖区"), ("140821", "临猗县"), ("140822", "万荣县"), ("140823", "闻喜县"),
                         ("140824", "稷山县"), ("140825", "新绛县"), ("140826", "绛县"), ("140827", "垣曲县"),
                         ("140828", "夏县"), ("140829", "平陆县"), ("140830", "芮城县"), ("140881", "永济市"),
                         ("140882", "河津市")],
    ("140900", "忻州市"): [("140902", "忻府区"), ("140921", "定襄县"), ("140922", "五台县"), ("140923", "代县"),
                         ("140924", "繁峙县"), ("140925", "宁武县"), ("140926", "静乐县"), ("140927", "神池县"),
                         ("140928", "五寨县"), ("140929", "岢岚县"), ("140930", "河曲县"), ("140931", "保德县"),
                         ("140932", "偏关县"), ("140981", "原平市")],
    ("141000", "临汾市"): [("141002", "尧都区"), ("141021", "曲沃县"), ("141022", "翼城县"), ("141023", "襄汾县"),
                         ("141024", "洪洞县"), ("141025", "古县"), ("141026", "安泽县"), ("141027", "浮山县"),
                         ("141028", "吉县"), ("141029", "乡宁县"), ("141030", "大宁县"), ("141031", "隰县"),
                         ("141032", "永和县"), ("141033", "蒲县"), ("141034", "汾西县"), ("141081", "侯马市"),
                         ("141082", "霍州市")],
    ("141100", "吕梁市"): [("141102", "离石区"), ("141121", "文水县"), ("141122", "交城县"), ("141123", "兴县"),
                         ("141124", "临县"), ("141125", "柳林县"), ("141126", "石楼县"), ("141127", "岚县"),
                         ("141128", "方山县"), ("141129", "中阳县"), ("141130", "交口县"), ("141181", "孝义市"),
                         ("141182", "汾阳市")],
}
COUNTIES = [(c, n, city) for city, cs in SHANXI.items() for c, n in cs]
# Places elsewhere (a spouse's or an in-law's ID), and 长泰区 (福建漳州, created 2021) for children born since.
ELSEWHERE = [("110105", "北京市朝阳区"), ("130102", "河北省石家庄市长安区"), ("410102", "河南省郑州市中原区"),
             ("610113", "陕西省西安市雁塔区")]
CHANGTAI = ("350605", "福建省漳州市长泰区")
# Shanxi codes of divisions since abolished, in force when a parent was born (their IDs keep them).
OLD_FOR_PARENTS = [("140211", "大同市南郊区"), ("142201", "忻州地区忻州市")]

# GB/T 2261.1 性别, GB/T 3304 民族, GB/T 4762 政治面貌, GB/T 4658 学历, GB/T 2261.3 健康, GB/T 2261.2 婚姻:
# the spellings in use (canonical name first, then the code, then short names and everyday words).
GENDER = {"男": ["男", "1", "男性"], "女": ["女", "2", "女性"]}
ETHNICITY = [["汉族", "01", "汉", "1"], ["回族", "03", "回"], ["满族", "11", "满"], ["蒙古族", "02", "蒙古"]]
POLITICAL = [["中国共产党党员", "01", "中共党员", "共产党员"], ["中国共产党预备党员", "02", "中共预备党员", "预备党员"],
             ["中国共产主义青年团团员", "03", "共青团员", "团员"], ["群众", "13"]]
EDUCATION = [["大学本科", "20", "本科"], ["大学专科", "30", "大专"], ["中等职业教育", "40", "中专", "职高"],
             ["普通高级中学", "60", "普通高中", "高中"], ["初级中学", "70", "初中"]]
HEALTH = [["健康或良好", "1", "健康", "良好"], ["一般或较弱", "2", "一般"]]
MARITAL_SINGLE = ["未婚", "10"]
MARITAL_MARRIED = ["已婚", "20", "初婚", "21"]
HUKOU_CATEGORY = ["农业", "非农业", "居民", "城镇", "农村", "农业户口", "非农业户口", "居民户口", "城镇户口", "农村户口"]
YES = ["是", "Y"]
NO = ["否", "N"]
SOLDIER = ["义务兵", "士官", "军士"]
DISABILITY_LEVEL = [["八级", "8"], ["九级", "9"], ["十级", "10"]]
DISABILITY_NATURE = [["因公", "因公致残"], ["因病"], ["因战"]]
AWARD = [["嘉奖"], ["三等功", "荣立三等功"]]
LABOR = {"full": ["有劳动能力"], "partial": ["部分丧失劳动能力"], "none": ["完全丧失劳动能力", "无劳动能力"]}
STUDY_STAGE = [["普通高中", "高中"], ["中等职业教育", "中专"], ["高等职业教育(专科)", "高等职业教育（专科）", "大专"], ["本科"]]
# Settlement modes (附件3 第7–9项, 八(八)2(3)①) and household kinds (《户口登记条例》第五条).
ORIGINAL = ["原籍落户", "回原籍落户", "原户恢复", "恢复户口"]
RELATIVES = ["投靠亲属落户", "投靠亲属"]
SPOUSE = ["投靠配偶落户", "投靠配偶"]
COLLECTIVE = ["单位集体户落户", "单位集体户"]
FAMILY_HH = ["家庭户", "家庭户口"]
COLLECTIVE_HH = ["集体户", "集体户口"]

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = "伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林欢阳建国志红丽敏静燕娟霞艳玲芳婷雪琳晶瑞博文晓东海峰亮晨思雨佳"
STREETS = ["建设路", "解放路", "人民路", "新华街", "府西街", "胜利街", "文化路", "迎宾路", "和平街", "东风路", "体育路", "学府街"]
VILLAGES = ["东关村", "西街村", "南关村", "北庄村", "新城村", "前进村", "王家庄村", "李家堡村"]
TOWNS = ["城关镇", "东阳镇", "新庄镇", "河底镇", "西营镇"]
BANKS = ["中国工商银行", "中国农业银行", "中国银行", "中国建设银行", "中国邮政储蓄银行", "山西农村信用社", "晋商银行"]
BANK_BIN = ["622202", "621700", "622848", "621661", "622188", "623058", "622150"]
MOBILE_PREFIX = ["139", "138", "137", "135", "136", "150", "151", "152", "158", "159", "182", "183", "187", "188",
                 "130", "131", "132", "155", "156", "185", "186", "133", "153", "180", "181", "189", "177", "199", "191"]
AREA_CODES = {"140100": "0351", "140200": "0352", "140300": "0353", "140400": "0355", "140500": "0356",
              "140600": "0349", "140700": "0354", "140800": "0359", "140900": "0350", "141000": "0357", "141100": "0358"}

ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
DIGITS_UPPER = "零壹贰叁肆伍陆柒捌玖"


def id_check(first17):
    """GB 11643-1999: ISO 7064 MOD 11-2."""
    return "10X98765432"[sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS)) % 11]


def make_id(rng, region, birth, male):
    seq = rng.randrange(0, 500) * 2 + (1 if male else 0)
    first17 = f"{region}{birth.replace('-', '')}{seq:03d}"
    return first17 + id_check(first17)


def luhn_complete(payload):
    s = 0
    for i, ch in enumerate(reversed(payload)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        s += d
    return payload + str((10 - s % 10) % 10)


def uscc(rng, division):
    body = "91" + division + "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(9))
    s = sum(USCC_ALPHABET.index(c) * w for c, w in zip(body, USCC_WEIGHTS))
    return body + USCC_ALPHABET[(31 - s % 31) % 31]


def upper_amount(fen):
    """《支付结算办法》附一: 壹仟贰佰叁拾肆元伍角 …"""
    yuan, jiao, f = fen // 100, fen // 10 % 10, fen % 10
    out = ""
    if yuan:
        groups = []
        n = yuan
        while n:
            groups.append(n % 10000)
            n //= 10000
        parts = []
        need_zero = False
        for gi in range(len(groups) - 1, -1, -1):
            g = groups[gi]
            if g == 0:
                need_zero = bool(parts)
                continue
            text = ""
            zero = need_zero or (parts and g < 1000)
            for pos, unit in ((3, "仟"), (2, "佰"), (1, "拾"), (0, "")):
                d = g // 10 ** pos % 10
                if d == 0:
                    if text:
                        zero = True
                    continue
                if zero and (text or parts):
                    text += "零"
                zero = False
                text += DIGITS_UPPER[d] + unit
            parts.append(text + ["", "万", "亿"][gi])
            need_zero = False
        out = "".join(parts) + "元"
    if jiao == 0 and f == 0:
        return out + "整"
    if jiao:
        out += DIGITS_UPPER[jiao] + "角"
    elif yuan:
        out += "零"
    if f:
        out += DIGITS_UPPER[f] + "分"
    return out


def full_width(s):
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in s)


def months_between(a, b):
    """Whole months from date a to date b (YYYY-MM-DD)."""
    ay, am, ad = map(int, a.split("-"))
    by, bm, bd = map(int, b.split("-"))
    m = (by - ay) * 12 + bm - am
    if bd < ad:
        m -= 1
    return max(m, 0)


def date(y, m, d):
    return f"{y:04d}-{m:02d}-{d:02d}"


def add_days(d, n):
    import datetime
    x = datetime.date.fromisoformat(d) + datetime.timedelta(days=n)
    return x.isoformat()


# ---------------------------------------------------------------------------------------------------------------
# One applicant

class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)

    def pick(self, xs):
        return self.r.choice(xs)

    def spell(self, spellings, canonical_weight=0.35):
        """A value the way some system or person writes it: the canonical name or another spelling."""
        if self.r.random() < canonical_weight:
            return spellings[0]
        return self.pick(spellings)

    def pad(self, s):
        """Spaces around a value now and then (copied from another system)."""
        x = self.r.random()
        if x < 0.08:
            return " " + s + " "
        if x < 0.12:
            return "\u3000" + s
        return s

    def name(self, surname=None):
        return (surname or self.pick(SURNAMES)) + "".join(self.pick(GIVEN) for _ in range(self.r.choice([1, 2, 2])))

    def mobile(self):
        return self.pick(MOBILE_PREFIX) + "".join(str(self.r.randrange(10)) for _ in range(8))

    def write_mobile(self, m):
        return self.pick([m, m, m, "+86" + m, "+86 " + m, "+86-" + m, f"{m[:3]} {m[3:7]} {m[7:]}",
                          f"{m[:3]}-{m[3:7]}-{m[7:]}", "0086 " + m, full_width(m)])

    def landline(self, city):
        area = AREA_CODES.get(city, "0351")
        local = str(self.r.randrange(2, 9)) + "".join(str(self.r.randrange(10)) for _ in range(6))
        return self.pick([f"{area}-{local}", f"{area}{local}", f"({area}){local}", f"{area} {local}",
                          f"{area}-{local}-{self.r.randrange(1, 999)}"])

    def street_address(self):
        if self.r.random() < 0.5:
            return f"{self.pick(STREETS)}{self.r.randrange(1, 300)}号"
        return f"{self.pick(TOWNS)}{self.pick(VILLAGES)}{self.r.randrange(1, 80)}号"


def make_form(seed, need=()):
    """A valid form; `need` forces parts a defect will touch: employment, business, hukou (cancelled),
    sponsor (a 投靠 mode), collective, emergency, insurance, family, relocated, award."""
    g = Gen(seed)
    r = g.r
    need = set(need)
    today = add_days("2024-11-01", r.randrange(0, 420))
    ty = int(today[:4])
    # Service: enlisted in September at 18–22, served 2–12 years, discharged before today.
    (county, county_name, (city, city_name)) = g.pick(COUNTIES)
    male = r.random() < 0.9
    birth_year = r.randrange(1994, 2005)
    birth = date(birth_year, r.randrange(1, 13), r.randrange(1, 29))
    enlist_year = birth_year + r.randrange(18, 23)
    enlistment = date(enlist_year, 9, r.randrange(1, 20))
    while True:
        years_served = r.randrange(2, 13)
        discharge = date(enlist_year + years_served, r.choice([3, 9, 12]), r.randrange(1, 28))
        if discharge <= today:
            break
        enlist_year -= 1
        enlistment = date(enlist_year, 9, r.randrange(1, 20))
        birth_year = min(birth_year, enlist_year - 18)
        birth = date(birth_year, r.randrange(1, 13), r.randrange(1, 29))
    months = months_between(enlistment, discharge)
    years = months // 12 + (r.random() < 0.5 and months % 12 != 0)
    surname = g.pick(SURNAMES)
    name = g.name(surname)
    id_number = make_id(r, county, birth, male)
    gender = "男" if male else "女"
    hukou_place_style = r.randrange(4)
    street = g.street_address()
    if hukou_place_style == 0:
        household_place = county
    elif hukou_place_style == 1:
        household_place = f"山西省{city_name}{county_name}"
    elif hukou_place_style == 2:
        household_place = f"{city_name}{county_name}"
    else:
        household_place = f"山西省{city_name}{county_name}{street}"
    written_id = id_number
    if r.random() < 0.1:
        written_id = f"{id_number[:6]} {id_number[6:14]} {id_number[14:]}"
    elif r.random() < 0.08:
        written_id = full_width(id_number)
    elif id_number.endswith("X") and r.random() < 0.5:
        written_id = id_number[:-1] + "x"
    basic = {
        "resettlement_place": g.pick([county, county, county, " " + county, full_width(county),
                                     f"{city_name}{county_name}" if county_name != "城区" else county]),
        "person_category": g.pick(["自主就业退役士兵", "退役士兵"]),
        "name": g.pad(name),
        "id_number": written_id,
        "gender": g.spell(GENDER[gender]),
        "birth_date": birth if r.random() > 0.06 else full_width(birth),
        "ethnicity": g.spell(ETHNICITY[0] if r.random() < 0.85 else g.pick(ETHNICITY[1:])),
        "political_status": g.spell(g.pick(POLITICAL)),
        "education_level": g.spell(g.pick(EDUCATION)),
        "health": g.spell(g.pick(HEALTH)),
        "household_registration_place": household_place,
        "household_category": g.pick(HUKOU_CATEGORY),
        "current_address": f"山西省{city_name}{county_name}{g.street_address()}",
        "phone": g.write_mobile(g.mobile()),
        "is_relocated": g.spell(NO, 0.6),
    }
    for k in ("political_status", "health", "person_category"):
        if r.random() < 0.1:
            del basic[k]
    if "relocated" in need or r.random() < 0.08:
        basic["is_relocated"] = g.spell(YES, 0.6)
        basic["relocation_basis"] = g.pick(["配偶户籍在此", "父母户籍迁至此地", "经安置地退役军人事务部门同意"])
    if r.random() < 0.06:
        level = g.pick(DISABILITY_LEVEL)
        basic["disability_level"] = g.spell(level)
        basic["disability_nature"] = g.spell(g.pick(DISABILITY_NATURE))
        basic["disability_details"] = g.pick(["左手食指末节缺失", "右膝半月板损伤", "听力下降"])
    # Emergency contact: name, relation and phone; the employer often blank (farmers, retired, unemployed).
    if "emergency" in need or r.random() < 0.8:
        relation = g.pick(["父亲", "母亲", "配偶", "哥哥", "姐姐"])
        basic["emergency_contact"] = g.name(surname if relation in ("父亲", "哥哥", "姐姐") else None)
        basic["emergency_contact_relation"] = relation
        basic["emergency_contact_phone"] = g.write_mobile(g.mobile()) if r.random() < 0.8 else g.landline(city)
        x = r.random()
        if x < 0.35:
            basic["emergency_contact_employer"] = g.pick([f"{city_name}{county_name}某某建材有限公司", "县农机站",
                                                         f"{county_name}人民医院", "个体"])
        elif x < 0.5:
            basic["emergency_contact_employer"] = ""
    service = {
        "enlistment_place": g.pick([f"山西省{city_name}{county_name}", f"{city_name}{county_name}", county_name]),
        "enlistment_date": enlistment,
        "discharge_date": discharge if r.random() > 0.06 else full_width(discharge),
        "years_of_service": years if r.random() > 0.15 else float(years),
        "soldier_category": g.pick(SOLDIER) if years > 2 else "义务兵",
        "is_reserve": g.spell(g.pick([YES, NO]), 0.6),
        "discharge_certificate_type": "退出现役证书",
        "discharge_certificate_number": f"晋退字{discharge[:4]}第{r.randrange(1, 9999):04d}号",
    }
    cancelled = "hukou" in need or "sponsor" in need or "collective" in need or r.random() < 0.55
    service["hukou_cancelled"] = g.spell(YES if cancelled else NO, 0.6)
    if r.random() < 0.05 and not cancelled:
        del service["hukou_cancelled"]
    form = {"basic_info": basic, "service_info": service}
    # Family: parents (born 1965–1980; IDs from home, some with codes since abolished), maybe a spouse and a
    # child (born recently, one of them in 长泰区).
    family = []
    if "family" in need or r.random() < 0.85:
        father_birth = date(birth_year - r.randrange(22, 32), r.randrange(1, 13), r.randrange(1, 29))
        mother_birth = date(birth_year - r.randrange(20, 30), r.randrange(1, 13), r.randrange(1, 29))
        fregion = county if r.random() < 0.85 else g.pick(OLD_FOR_PARENTS)[0]
        father = {"relation": "父亲", "name": g.name(surname), "id_number": make_id(r, fregion, father_birth, True),
                  "gender": g.spell(GENDER["男"]), "household_registration_place": household_place if r.random() < 0.5 else f"山西省{city_name}{county_name}",
                  "is_accompanying": g.spell(NO, 0.6), "employment_status": g.pick(["务农", "退休", "在职", "个体经营", "无业"]),
                  "labor_capacity": g.spell(LABOR["full"])}
        if r.random() < 0.7:
            father["phone"] = g.write_mobile(g.mobile())
        mother = {"relation": "母亲", "name": g.name(), "id_number": make_id(r, county, mother_birth, False),
                  "gender": g.spell(GENDER["女"]), "is_accompanying": g.spell(NO, 0.6),
                  "employment_status": g.pick(["务农", "退休", "无业"]),
                  "labor_capacity": g.spell(LABOR[g.pick(["full", "full", "partial", "none"])])}
        family += [father, mother]
        if r.random() < 0.3:
            region, place = g.pick(ELSEWHERE)
            sb = date(birth_year + r.randrange(-2, 3), r.randrange(1, 13), r.randrange(1, 29))
            family.append({"relation": "配偶", "name": g.name(), "id_number": make_id(r, region, sb, not male),
                           "gender": g.spell(GENDER["女" if male else "男"]), "household_registration_place": place,
                           "phone": g.write_mobile(g.mobile()), "is_accompanying": g.spell(YES, 0.6)})
            if r.random() < 0.6:
                cy = r.randrange(max(2019, int(discharge[:4]) - 4), ty + 1)
                cb = date(cy, r.randrange(1, 13), r.randrange(1, 29))
                if cb > today:
                    cb = add_days(today, -r.randrange(1, 200))
                cregion = CHANGTAI[0] if int(cb[:4]) >= 2022 and r.random() < 0.5 else county
                family.append({"relation": g.pick(["儿子", "女儿"]), "name": g.name(surname),
                               "id_number": make_id(r, cregion, cb, r.random() < 0.5),
                               "household_registration_place": CHANGTAI[1] if cregion == CHANGTAI[0] else household_place,
                               "employment_status": "学龄前儿童"})
        if r.random() < 0.15:
            gb = date(r.randrange(1938, 1952), r.randrange(1, 13), r.randrange(1, 29))
            family.append({"relation": g.pick(["祖父", "祖母", "外祖母"]), "name": g.name(),
                           "id_number": make_id(r, county, gb, r.random() < 0.5),
                           "labor_capacity": g.spell(LABOR["none"], 0.2), "employment_status": "无"})
    if family:
        form["family_members"] = family
    if "award" in need or r.random() < 0.4:
        y = int(enlistment[:4]) + 1
        form["commendations"] = [{"name": g.pick(["优秀士兵", "四会优秀教练员", "优秀义务兵"]),
                                  "date": date(y, 12, r.randrange(1, 28))}]
        form["awards"] = [{"award_type": g.spell(g.pick(AWARD)), "date": date(y, r.randrange(6, 12), r.randrange(1, 28))}]
    if r.random() < 0.6:
        edu = {"school": g.pick(["山西职业技术学院", "太原理工大学", "山西农业大学", f"{county_name}第一中学"]),
               "major": g.pick(["机电一体化技术", "计算机应用", "汽车维修", "会计"]),
               "enrolled_before_service": g.spell(NO, 0.6), "resume_study": g.spell(NO, 0.6),
               "teacher_training_graduate": g.spell(NO, 0.6), "has_teacher_certificate": g.spell(NO, 0.6)}
        if r.random() < 0.2:
            edu["enrolled_before_service"] = g.spell(YES, 0.6)
            edu["study_stage"] = g.spell(g.pick(STUDY_STAGE))
            edu["study_major"] = g.pick(["计算机应用", "电气自动化"])
            edu["resume_study"] = g.spell(YES, 0.6)
            edu["resume_date"] = add_days(discharge, r.randrange(10, 200)) if add_days(discharge, 200) < today else discharge
        form["education"] = edu
    # Employment.
    if "employment" in need or r.random() < 0.5:
        employed = "employment" in need or r.random() < 0.6
        emp = {"is_employed": g.spell(YES if employed else NO, 0.6)}
        if employed:
            hire = add_days(discharge, r.randrange(1, 120))
            if hire > today:
                hire = today
            emp.update({"employment_status": g.pick(["单位就业", "灵活就业"]),
                        "employer_name": g.pick([f"{city_name}某某物流有限公司", f"{county_name}供电公司", "某某保安服务公司"]),
                        "employer_type": g.pick(["企业", "事业单位", "个体工商户"]),
                        "position_type": g.pick(["技术岗", "管理岗", "普通岗"]),
                        "employer_location": f"山西省{city_name}", "hire_date": hire,
                        "industry": g.pick(["交通运输", "电力", "制造业"]), "contract_type": g.pick(["劳动合同", "劳务派遣"])})
        fam_income = r.randrange(30000, 150000) * 100 + g.pick([0, 0, 50, 25])
        emp["family_annual_income"] = fam_income / 100 if fam_income % 100 else fam_income // 100
        if employed and r.random() < 0.7:
            pi = r.randrange(20000, 30000) * 100
            emp["personal_annual_income"] = pi // 100
        form["employment"] = emp
    if r.random() < 0.4:
        form["employment_intention"] = {"has_intention": g.spell(YES, 0.6), "region": f"山西省{city_name}",
                                        "industry": "制造业", "occupation": g.pick(["设备维修工", "驾驶员", "保安"]),
                                        "salary": "4000-6000元/月"}
    if "business" in need or r.random() < 0.12:
        founded = add_days(discharge, r.randrange(1, 90))
        if founded > today:
            founded = today
        code = uscc(r, county)
        emp_n = r.randrange(1, 30)
        form["entrepreneurship"] = {
            "is_entrepreneur": g.spell(YES, 0.6), "business_type": g.pick(["个体工商户", "有限责任公司"]),
            "uscc": code if r.random() > 0.2 else g.pick([code.lower(), full_width(code)]),
            "enterprise_name": f"{city_name}{name}汽修有限公司", "legal_representative": name,
            "legal_representative_position": "执行董事", "legal_representative_phone": g.write_mobile(g.mobile()),
            "industry": "机动车维修", "registered_place": f"山西省{city_name}{county_name}", "founding_date": founded,
            "employees": emp_n, "veteran_employees": r.randrange(0, emp_n + 1),
            "total_assets": r.randrange(10000, 900000), "annual_revenue": r.randrange(0, 2000000) / 1}
    if r.random() < 0.3:
        form["training_intention"] = {"has_intention": g.spell(YES, 0.6), "training_type": "职业技能培训",
                                      "training_major": g.pick(["电工", "焊工", "汽车维修"])}
    bank_i = r.randrange(len(BANKS))
    card = luhn_complete(BANK_BIN[bank_i] + "".join(str(r.randrange(10)) for _ in range(12)))
    card_written = g.pick([card, card, " ".join(card[i:i + 4] for i in range(0, len(card), 4)), full_width(card),
                           "-".join(card[i:i + 4] for i in range(0, len(card), 4))])
    form["other_info"] = {"bank_name": f"{BANKS[bank_i]}{city_name[:-1]}{county_name[:-1] or county_name}支行",
                          "bank_card_number": card_written,
                          "insurance_number": id_number if r.random() < 0.5 else "",
                          "housing": g.pick(["与父母同住", "自有住房", "租房"]),
                          "pension_insurance": "军人退役养老保险待转移", "medical_insurance": "军人退役医疗保险待转移"}
    # The hukou section (八(八)2(3)①), when the hukou was cancelled on enlistment.
    if cancelled:
        mode = "collective" if "collective" in need else "sponsor" if "sponsor" in need else \
            g.pick(["original", "original", "original", "sponsor", "collective"])
        hukou = {}
        if mode == "original":
            if r.random() < 0.7:
                hukou["settlement_type"] = g.spell(ORIGINAL, 0.4)
            if r.random() < 0.6:
                hukou["household_kind"] = g.spell(FAMILY_HH)
            if r.random() < 0.6:
                style = r.randrange(4)
                hukou["original_address"] = [f"山西省{city_name}{county_name}{street}", f"{city_name}{county_name}{street}",
                                             f"{county_name}{street}", street][style]
        elif mode == "sponsor":
            spouse = next((f for f in family if f["relation"] == "配偶"), None)
            if spouse and r.random() < 0.7:
                hukou.update({"settlement_type": g.spell(SPOUSE), "proposed_address": spouse["household_registration_place"] + g.street_address(),
                              "sponsor_name": spouse["name"], "sponsor_id_number": spouse["id_number"]})
            else:
                sb = date(r.randrange(1960, 1990), r.randrange(1, 13), r.randrange(1, 29))
                (c2, n2, (k2, kn2)) = g.pick(COUNTIES)
                hukou.update({"settlement_type": g.spell(RELATIVES),
                              "proposed_address": f"山西省{kn2}{n2}{g.street_address()}",
                              "sponsor_name": g.name(), "sponsor_id_number": make_id(r, c2, sb, r.random() < 0.5)})
            hukou["household_kind"] = g.spell(FAMILY_HH)
        else:
            hukou.update({"settlement_type": g.spell(COLLECTIVE), "household_kind": g.spell(COLLECTIVE_HH),
                          "proposed_address": f"山西省{city_name}{county_name}{g.street_address()}某某公司集体户"})
        hukou["marital_status"] = g.spell(MARITAL_MARRIED if any(f["relation"] == "配偶" for f in family) else MARITAL_SINGLE)
        hukou["native_place"] = f"山西{city_name[:-1]}"
        if r.random() < 0.3:
            hukou["name"] = name
            hukou["id_number"] = id_number
        form["hukou_registration"] = hukou
    # 基本医疗保险关系转移接续: the insured period is the service.
    if "insurance" in need or r.random() < 0.7:
        ey, em = int(enlistment[:4]), int(enlistment[5:7])
        dy, dm = int(discharge[:4]), int(discharge[5:7])
        span = (dy * 12 + dm) - (ey * 12 + em) + 1
        balance = r.randrange(0, 600000)
        mi = {"start_year": ey, "start_month": em, "end_year": dy, "end_month": dm,
              "paid_months": span - r.randrange(0, 3), "balance": balance / 100 if balance % 100 else balance // 100,
              "balance_uppercase": upper_amount(balance) if balance else "零元整",
              "agency_name": f"{city_name}{county_name}医疗保障服务中心",
              "registration_date": add_days(discharge, r.randrange(1, 30)) if add_days(discharge, 30) <= today else discharge,
              "agency_address": f"山西省{city_name}{county_name}{g.street_address()}"}
        if balance == 0:
            del mi["balance_uppercase"]
        if r.random() < 0.15:
            mi["start_year"] = float(ey)
        form["medical_insurance_transfer"] = mi
    return form, today, {"county": county, "county_name": county_name, "city": city, "city_name": city_name,
                         "id": id_number, "birth": birth, "male": male, "enlistment": enlistment,
                         "discharge": discharge, "years": years, "street": street, "name": name}


# ---------------------------------------------------------------------------------------------------------------
# Defects: (name, needs, apply(form, info, rng, today) -> (path, code, severity))

def other_county(info, r, same_city=False):
    while True:
        c, n, (k, kn) = r.choice(COUNTIES)
        if c != info["county"] and (k == info["city"]) == same_city and n != info["county_name"]:
            return c, n, k, kn


def d_id_check(f, i, r, t):
    idn = i["id"]
    wrong = idn[:17] + r.choice([c for c in "0123456789X" if c != idn[17]])
    f["basic_info"]["id_number"] = wrong
    # The pushed copy in the hukou section is left to the platform (else it would differ: a second defect).
    f.get("hukou_registration", {}).pop("id_number", None)
    return "/basic_info/id_number", "form_id_check_digit", "error"


def d_family_check(f, i, r, t):
    m = f["family_members"][0]
    m["id_number"] = m["id_number"][:17] + r.choice([c for c in "0123456789" if c != m["id_number"][17]])
    return "/family_members/0/id_number", "form_id_check_digit", "error"


def d_family_future(f, i, r, t):
    y = int(t[:4]) + r.randrange(1, 8)
    f["family_members"].append({"relation": "女儿", "name": "王小雨",
                                "id_number": make_id(r, i["county"], date(y, r.randrange(1, 13), r.randrange(1, 29)), False)})
    return f"/family_members/{len(f['family_members']) - 1}/id_number", "form_id_birth_in_future", "error"


def d_family_1899(f, i, r, t):
    f["family_members"][-1]["id_number"] = make_id(r, i["county"], date(1899, r.randrange(1, 13), r.randrange(1, 29)), True)
    return f"/family_members/{len(f['family_members']) - 1}/id_number", "form_id_birth_before_1900", "error"


def d_family_bad_date(f, i, r, t):
    f["family_members"][0]["id_number"] = make_id(r, i["county"], date(1971, 2, 30), True)
    return "/family_members/0/id_number", "form_id_bad_date", "error"


def d_birth_mismatch(f, i, r, t):
    b = i["birth"]
    f["basic_info"]["birth_date"] = add_days(b, r.choice([-1, 1, 31]))
    return "/basic_info/birth_date", "form_id_birth_mismatch", "error"


def d_gender(f, i, r, t):
    f["basic_info"]["gender"] = "女" if i["male"] else "男"
    return "/basic_info/gender", "form_id_gender_mismatch", "error"


def d_phone(f, i, r, t):
    f["basic_info"]["phone"] = r.choice(["1391234567", "139123456789", "12912345678", "86139123456"])
    return "/basic_info/phone", "form_phone_format", "error"


def d_emergency_phone(f, i, r, t):
    f["basic_info"]["emergency_contact_phone"] = r.choice(["7654321", "0351-76543", "95588"])
    return "/basic_info/emergency_contact_phone", "form_phone_format", "error"


def d_card_length(f, i, r, t):
    f["other_info"]["bank_card_number"] = "62220212345"
    return "/other_info/bank_card_number", "form_bank_card_format", "error"


def d_card_luhn(f, i, r, t):
    card = "".join(ch for ch in f["other_info"]["bank_card_number"] if ch.isdigit() or "０" <= ch <= "９")
    card = "".join(chr(ord(c) - 0xFEE0) if "０" <= c <= "９" else c for c in card)
    f["other_info"]["bank_card_number"] = card[:-1] + str((int(card[-1]) + 1) % 10)
    return "/other_info/bank_card_number", "form_bank_card_luhn", "warning"


def d_place_outside(f, i, r, t):
    f["basic_info"]["resettlement_place"] = r.choice(["110105", "130102", "610113"])
    return "/basic_info/resettlement_place", "form_place_not_shanxi", "error"


def d_place_city(f, i, r, t):
    f["basic_info"]["resettlement_place"] = i["city"]
    return "/basic_info/resettlement_place", "form_place_not_county", "error"


def d_place_abolished(f, i, r, t):
    f["basic_info"]["resettlement_place"] = r.choice(["140227", "140211", "140402"])
    return "/basic_info/resettlement_place", "form_place_historical", "error"


def d_discharge_order(f, i, r, t):
    f["service_info"]["discharge_date"] = add_days(i["enlistment"], -r.randrange(1, 300))
    return "/service_info/discharge_date", "form_enlistment_not_before_discharge", "error"


def d_discharge_future(f, i, r, t):
    new = add_days(t, r.randrange(3, 40))
    f["service_info"]["discharge_date"] = new
    m = months_between(i["enlistment"], new)
    f["service_info"]["years_of_service"] = m // 12
    return "/service_info/discharge_date", "form_discharge_in_future", "error"


def d_years(f, i, r, t):
    f["service_info"]["years_of_service"] = i["years"] + r.choice([2, 3, -2]) if i["years"] > 2 else i["years"] + 3
    return "/service_info/years_of_service", "form_service_years_mismatch", "error"


def d_award_date(f, i, r, t):
    f["awards"][0]["date"] = add_days(i["discharge"], r.randrange(5, 200))
    if f["awards"][0]["date"] > t:
        f["awards"][0]["date"] = add_days(i["enlistment"], -r.randrange(5, 200))
    return "/awards/0/date", "form_date_outside_service", "error"


def d_insurance_order(f, i, r, t):
    mi = f["medical_insurance_transfer"]
    mi["start_year"] = int(mi["end_year"]) + 1
    return "/medical_insurance_transfer/end_year", "form_insurance_period_order", "error"


def d_paid_months(f, i, r, t):
    mi = f["medical_insurance_transfer"]
    span = (int(mi["end_year"]) * 12 + mi["end_month"]) - (int(mi["start_year"]) * 12 + mi["start_month"]) + 1
    mi["paid_months"] = span + r.randrange(1, 12)
    return "/medical_insurance_transfer/paid_months", "form_paid_months_exceed", "error"


def d_upper_mismatch(f, i, r, t):
    mi = f["medical_insurance_transfer"]
    fen = r.randrange(10000, 600000)
    mi["balance"] = fen / 100 if fen % 100 else fen // 100
    mi["balance_uppercase"] = upper_amount(fen + 100)
    return "/medical_insurance_transfer/balance_uppercase", "form_money_uppercase_mismatch", "error"


def d_money_decimals(f, i, r, t):
    f["employment"]["family_annual_income"] = r.randrange(30000, 90000) + 0.125
    f["employment"].pop("personal_annual_income", None)
    return "/employment/family_annual_income", "form_money_decimals", "error"


def d_veterans(f, i, r, t):
    e = f["entrepreneurship"]
    e["veteran_employees"] = e["employees"] + r.randrange(1, 5)
    return "/entrepreneurship/veteran_employees", "form_veteran_employees_exceed", "error"


def d_uscc(f, i, r, t):
    e = f["entrepreneurship"]
    code = uscc(r, i["county"])
    e["uscc"] = code[:10] + "O" + code[11:]
    return "/entrepreneurship/uscc", "form_uscc_format", "error"


def d_required_name(f, i, r, t):
    del f["basic_info"]["name"]
    return "/basic_info/name", "form_required", "error"


def d_required_bank(f, i, r, t):
    f["other_info"]["bank_name"] = r.choice(["", " "])
    return "/other_info/bank_name", "form_required", "error"


def d_relocated(f, i, r, t):
    f["basic_info"]["is_relocated"] = "是"
    f["basic_info"].pop("relocation_basis", None)
    return "/basic_info/relocation_basis", "form_required_if", "error"


def d_employed(f, i, r, t):
    del f["employment"]["employer_name"]
    return "/employment/employer_name", "form_required_if", "error"


def d_emergency_partial(f, i, r, t):
    del f["basic_info"]["emergency_contact_phone"]
    return "/basic_info/emergency_contact_phone", "form_emergency_contact_partial", "error"


def d_hukou_missing(f, i, r, t):
    del f["hukou_registration"]
    return "/hukou_registration", "form_hukou_section_required", "error"


def d_household_kind(f, i, r, t):
    f["hukou_registration"]["household_kind"] = "家庭户"
    return "/hukou_registration/household_kind", "form_household_kind_mismatch", "error"


def d_sponsor_name(f, i, r, t):
    del f["hukou_registration"]["sponsor_name"]
    return "/hukou_registration/sponsor_name", "form_required_if", "error"


def d_pushed_name(f, i, r, t):
    f["hukou_registration"]["name"] = i["name"][:-1] + ("军" if i["name"][-1] != "军" else "兵")
    return "/hukou_registration/name", "form_pushed_mismatch", "error"


def d_address_outside(f, i, r, t):
    c, n, k, kn = other_county(i, r, same_city=r.random() < 0.5)
    f["basic_info"]["household_registration_place"] = r.choice([i["county"], f"山西省{i['city_name']}{i['county_name']}"])
    f["hukou_registration"]["original_address"] = f"山西省{kn}{n}{r.choice(STREETS)}{r.randrange(1, 99)}号"
    return "/hukou_registration/original_address", "form_address_outside_place", "error"


def d_unknown_value(f, i, r, t):
    f["basic_info"]["political_status"] = r.choice(["党员", "无党派", "民主党派"])
    return "/basic_info/political_status", "form_unknown_value", "error"


def d_unknown_field(f, i, r, t):
    f["basic_info"]["nickname"] = "小" + i["name"][-1]
    return "/basic_info/nickname", "form_unknown_field", "error"


def d_wrong_type(f, i, r, t):
    f["service_info"]["years_of_service"] = f"{i['years']}年"
    return "/service_info/years_of_service", "form_wrong_type", "error"


def d_date_format(f, i, r, t):
    f["service_info"]["enlistment_date"] = i["enlistment"].replace("-", "/")
    return "/service_info/enlistment_date", "form_date_format", "error"


def d_invisible(f, i, r, t):
    n = i["name"]
    f["basic_info"]["name"] = n[0] + r.choice(["\u200b", "\u200d", "\u202e", "\x1b[0m"]) + n[1:]
    f.get("hukou_registration", {}).pop("name", None)
    return "/basic_info/name", "form_invalid_characters", "error"


def d_sponsor_region(f, i, r, t):
    h = f["hukou_registration"]
    h["sponsor_id_number"] = make_id(r, "990105", "1975-05-05", True)
    return "/hukou_registration/sponsor_id_number", "form_id_unknown_region", "error"


DEFECTS = [
    ("身份证号校验码错误", {"family"}, d_id_check),
    ("家庭成员身份证号校验码错误", {"family"}, d_family_check),
    ("家庭成员身份证号的出生日期在未来", {"family"}, d_family_future),
    ("家庭成员身份证号的出生年份早于 1900 年", {"family"}, d_family_1899),
    ("家庭成员身份证号中的出生日期不存在", {"family"}, d_family_bad_date),
    ("出生日期与身份证号不一致", set(), d_birth_mismatch),
    ("性别与身份证号不一致", set(), d_gender),
    ("联系电话位数不对", set(), d_phone),
    ("紧急联系人电话不是有效号码", {"emergency"}, d_emergency_phone),
    ("银行卡号位数不对", set(), d_card_length),
    ("银行卡号未通过 Luhn 校验（警告）", set(), d_card_luhn),
    ("安置地在省外", set(), d_place_outside),
    ("安置地是市级代码", set(), d_place_city),
    ("安置地是已撤销的代码", set(), d_place_abolished),
    ("退役时间早于入伍时间", set(), d_discharge_order),
    ("退役时间晚于今天", set(), d_discharge_future),
    ("服役年限与日期不符", set(), d_years),
    ("奖励日期不在服役期间", {"award"}, d_award_date),
    ("参保时间起晚于止", {"insurance"}, d_insurance_order),
    ("累计缴费月数多于参保月数", {"insurance"}, d_paid_months),
    ("余额大写与小写不符", {"insurance"}, d_upper_mismatch),
    ("家庭年收入三位小数", {"employment"}, d_money_decimals),
    ("吸纳退役军人就业人数多于吸纳就业人数", {"business"}, d_veterans),
    ("统一信用代码含字母 O", {"business"}, d_uscc),
    ("缺少姓名", set(), d_required_name),
    ("银行名称为空", set(), d_required_bank),
    ("是否异地为是而缺易地安置依据", set(), d_relocated),
    ("已就业而缺单位名称", {"employment"}, d_employed),
    ("紧急联系人缺电话", {"emergency"}, d_emergency_partial),
    ("入伍时注销户口而缺户口登记信息", {"hukou"}, d_hukou_missing),
    ("单位集体户落户而户类型为家庭户", {"collective"}, d_household_kind),
    ("投靠落户缺投靠人姓名", {"sponsor"}, d_sponsor_name),
    ("户口登记中的姓名与基本信息不一致", {"hukou"}, d_pushed_name),
    ("原户籍地址在另一个县", {"hukou"}, d_address_outside),
    ("政治面貌写作不能识别的“党员”", set(), d_unknown_value),
    ("未知字段", set(), d_unknown_field),
    ("服役年限写成字符串", set(), d_wrong_type),
    ("入伍时间写成 YYYY/MM/DD", set(), d_date_format),
    ("姓名中有不可见字符或转义序列", set(), d_invisible),
]
assert len(DEFECTS) == 39


def main():
    os.makedirs(OUT, exist_ok=True)
    master = random.Random(SEED)
    with open(os.path.join(OUT, "valid.jsonl"), "w", encoding="utf-8") as out:
        for n in range(200):
            form, today, _ = make_form(master.randrange(1 << 30))
            out.write(json.dumps({"id": f"valid-{n + 1:03d}", "today": today, "form": form}, ensure_ascii=False) + "\n")
    with open(os.path.join(OUT, "defects.jsonl"), "w", encoding="utf-8") as out:
        n = 0
        for rep in range(5):
            for name, needs, apply in DEFECTS:
                seed = master.randrange(1 << 30)
                form, today, info = make_form(seed, needs)
                if "hukou" in needs and "hukou_registration" not in form:
                    raise SystemExit(f"{name}: no hukou section")
                # d_pushed_name and d_address_outside need the pushed fields present to change.
                path, code, severity = apply(form, info, random.Random(seed ^ 0x5A5A), today)
                n += 1
                out.write(json.dumps({"id": f"defect-{n:03d}", "today": today, "defect": name, "path": path,
                                      "code": code, "severity": severity, "form": form}, ensure_ascii=False) + "\n")
    print("200 valid forms, 195 forms with one defect each →", os.path.relpath(OUT, ROOT))


if __name__ == "__main__":
    main()
