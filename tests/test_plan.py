from analysis.data.plan import read_plan


def test_plan_has_fifteen_actions_and_54_measures_in_order():
    plan = read_plan()
    assert sorted(plan) == list(range(16))
    numbers = [m.number for a in range(1, 16) for m in plan[a].measures]
    assert numbers == list(range(1, 55))
    assert plan[2].name_zh == "能源绿色低碳转型行动"
    assert plan[2].clause == "二（二）"
    assert plan[2].aim_zh.startswith("严格控制化石能源消费")
