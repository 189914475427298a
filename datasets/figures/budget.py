from datasets.models import Budget


def for_mission(mission):
    budgets = list(Budget.objects.filter(mission=mission).select_related("source"))
    if not budgets:
        return None
    return {"budgets": budgets}
