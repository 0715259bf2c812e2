"""The key terms of each measure, as the plan writes them, with the English a reader would search for.

They make the site's search answer with the right chapter: each chapter lists the terms under its
measures and carries them as search-index entries, and the jieba dictionary keeps every Chinese term
whole when the index is built. Every Chinese term is a verbatim phrase of its own measure (or, for
the main targets, of clause 一（二）); a test checks this against the plan text, and that no term
belongs to two measures, so each term has one chapter that ranks first for it.
"""

from __future__ import annotations

from analysis.data.plan import read_plan

# measure number (1-54, as numbered in the plan; 0 = the main targets of 一（二）) -> (中文, English)
KEY_TERMS: dict[int, list[tuple[str, str]]] = {
    0: [("碳达峰", "carbon peak"), ("二氧化碳排放", "CO2 emissions"), ("碳排放", "carbon emissions"),
        ("非化石能源消费比重", "non-fossil share of energy consumption"),
        ("单位地区生产总值能源消耗", "energy intensity"),
        ("单位地区生产总值二氧化碳排放", "carbon intensity"),
        ("国家下达指标", "national assignment")],
    1: [("高技术制造业", "high-tech manufacturing"), ("战略性新兴产业", "strategic emerging industries"),
        ("先进制造业", "advanced manufacturing"), ("未来产业", "future industries")],
    2: [("绿色低碳产业", "green and low-carbon industries"), ("氢能", "hydrogen energy"),
        ("节能环保", "energy-saving and environmental protection industry")],
    3: [("高耗能高排放", "energy-intensive high-emission projects"),
        ("减量替代", "capacity reduction and replacement")],
    4: [("煤炭消费", "coal consumption"), ("煤电", "coal power"), ("煤改气", "coal-to-gas")],
    5: [("海上风电", "offshore wind"), ("陆上风电", "onshore wind"), ("光伏", "solar photovoltaics"),
        ("生物质能", "biomass energy"), ("可再生能源电力消纳责任权重", "renewable electricity quota")],
    6: [("核电", "nuclear power")],
    7: [("西电东送", "West-to-East power transmission"), ("输电通道", "transmission lines")],
    8: [("油品消费", "oil consumption"), ("天然气", "natural gas"), ("气电", "gas-fired power")],
    9: [("新型电力系统", "new-type power system"), ("新型储能", "new-type energy storage"),
        ("抽水蓄能", "pumped storage"), ("需求侧响应", "demand response"), ("储能", "energy storage")],
    10: [("节能降碳", "energy saving and carbon reduction"), ("双控", "dual control"),
         ("节能审查", "energy-saving review"), ("节能监察", "energy-saving inspection")],
    11: [("减污降碳", "pollution and carbon reduction"), ("温室气体", "greenhouse gases")],
    12: [("重点用能单位", "key energy-using entities"), ("能效", "energy efficiency"),
         ("在线监测", "online energy monitoring")],
    13: [("数据中心", "data centres"), ("新型基础设施", "new infrastructure"),
         ("电能利用效率", "power usage effectiveness (PUE)"), ("算力网络", "computing network")],
    14: [("钢铁", "steel"), ("粗钢", "crude steel"), ("电炉炼钢", "electric-arc furnace steelmaking")],
    15: [("石化化工", "petrochemical and chemical industry"), ("乙烯", "ethylene"),
         ("原油加工", "crude oil processing")],
    16: [("水泥", "cement"), ("熟料", "clinker")],
    17: [("陶瓷", "ceramics")],
    18: [("造纸", "papermaking")],
    19: [("海绵城市", "sponge cities"), ("绿色社区", "green communities"),
         ("城乡建设", "urban and rural construction")],
    20: [("绿色建筑", "green buildings"), ("近零碳建筑", "near-zero carbon buildings"),
         ("超低能耗建筑", "ultra-low energy buildings"), ("星级绿色建筑", "star-rated green buildings")],
    21: [("装配式建筑", "prefabricated buildings"), ("绿色建材", "green building materials"),
         ("建筑废弃物", "construction waste")],
    22: [("公共建筑", "public buildings"), ("能耗限额", "energy consumption quotas")],
    23: [("可再生能源替代率", "renewable energy substitution in buildings"),
         ("屋顶光伏", "rooftop solar"), ("空气源热泵", "air-source heat pumps"),
         ("光伏建筑一体化", "building-integrated photovoltaics")],
    24: [("新能源汽车", "new energy vehicles"), ("电动乘用车", "electric passenger cars"),
         ("氢燃料电池汽车", "hydrogen fuel-cell vehicles"), ("岸电", "shore power"),
         ("周转量", "transport turnover")],
    25: [("铁水联运", "rail-sea intermodal transport"), ("多式联运", "multimodal transport"),
         ("绿色出行", "green travel"), ("公共交通", "public transport"), ("公转铁", "road-to-rail shift")],
    26: [("快充站", "fast-charging stations"), ("充换电", "charging and battery swapping"),
         ("高速公路服务区", "expressway service areas")],
    27: [("化肥", "fertiliser"), ("农药", "pesticides"), ("高标准农田", "high-standard farmland"),
         ("秸秆还田", "straw returning")],
    28: [("农村电网", "rural power grid"), ("海洋牧场", "marine ranching")],
    29: [("甲烷", "methane"), ("氧化亚氮", "nitrous oxide"), ("土壤有机碳", "soil organic carbon"),
         ("畜禽粪污", "livestock manure")],
    30: [("大宗固体废物", "bulk solid waste"), ("再生资源", "recycled resources"),
         ("再制造", "remanufacturing"), ("循环化改造", "circular retrofit of industrial parks"),
         ("动力电池", "traction batteries")],
    31: [("生活垃圾", "household waste"), ("垃圾分类", "waste sorting"), ("塑料污染", "plastic pollution"),
         ("工业用水重复利用率", "industrial water reuse rate")],
    32: [("二氧化碳捕集利用与封存", "carbon capture utilisation and storage (CCUS)"),
         ("天然气水合物", "natural gas hydrates"), ("可控核聚变", "controlled nuclear fusion")],
    33: [("低碳关键核心技术", "key low-carbon technologies"),
         ("零碳工业流程再造", "zero-carbon industrial processes")],
    34: [("绿色技术", "green technology"), ("制氢", "hydrogen production")],
    35: [("重点实验室", "key laboratories"), ("科技创新", "science and technology innovation"),
         ("人才培养", "talent training")],
    36: [("碳排放权交易", "emissions trading"), ("碳市场", "carbon market"), ("碳交易", "carbon trading"),
         ("用能权交易", "energy-use rights trading"), ("碳普惠", "carbon inclusion"),
         ("碳排放配额", "emission allowances"), ("自愿减排", "voluntary emission reduction")],
    37: [("电力市场", "electricity market"), ("现货", "spot market")],
    38: [("生态产品价值", "value of ecological products"), ("生态保护补偿", "ecological compensation")],
    39: [("外贸", "foreign trade"), ("碳足迹", "carbon footprint"), ("绿色贸易", "green trade")],
    40: [("一带一路", "Belt and Road"), ("产能合作", "industrial capacity cooperation")],
    41: [("粤港澳", "Guangdong-Hong Kong-Macao"), ("绿色金融", "green finance"), ("碳标签", "carbon labels"),
         ("清洁生产", "cleaner production")],
    42: [("生态保护红线", "ecological conservation red line"), ("国土空间规划", "territorial spatial planning"),
         ("国家公园", "national parks")],
    43: [("森林覆盖率", "forest coverage"), ("森林蓄积量", "forest stock volume"),
         ("森林碳汇", "forest carbon sinks"), ("绿美广东", "Green Guangdong")],
    44: [("红树林", "mangroves"), ("湿地", "wetlands")],
    45: [("海洋碳汇", "ocean carbon sinks"), ("珊瑚礁", "coral reefs"), ("海草床", "seagrass beds")],
    46: [("生态文明", "ecological civilisation"), ("宣传教育", "public education"),
         ("全国低碳日", "National Low-Carbon Day")],
    47: [("绿色消费", "green consumption"), ("餐饮浪费", "food waste"), ("过度包装", "excessive packaging"),
         ("生活方式", "lifestyles")],
    48: [("社会责任", "corporate social responsibility"), ("环境信息披露", "environmental disclosure")],
    49: [("领导干部", "officials training")],
    50: [("碳达峰目标", "peaking targets of each region"), ("脱钩", "decoupling"), ("平台期", "plateau")],
    51: [("珠三角核心区", "Pearl River Delta core"), ("沿海经济带", "coastal economic belt"),
         ("北部生态发展区", "northern ecological development area"),
         ("一核一带一区", "one core one belt one zone")],
    52: [("碳达峰实施方案", "local carbon peaking plans")],
    53: [("试点城市", "pilot cities"), ("碳达峰试点", "carbon peaking pilots")],
    54: [("近零碳", "near-zero carbon"), ("零碳", "zero carbon"), ("试点示范", "pilots and demonstrations")],
}  # fmt: skip


def terms_for_measure(number: int) -> list[tuple[str, str]]:
    return KEY_TERMS.get(number, [])


def terms_for_action(action: int) -> list[tuple[str, str]]:
    """All key terms of one action's measures (for action 0, those of the main targets)."""
    plan = read_plan()
    if action == 0:
        return terms_for_measure(0)
    return [t for m in plan[action].measures for t in terms_for_measure(m.number)]


def all_chinese_terms() -> list[str]:
    return sorted({zh for terms in KEY_TERMS.values() for zh, _ in terms})
