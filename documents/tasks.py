"""The mandate tasks TAMM codes, and their groups, as the TAMM v2.1 codebook defines them.

Each task is one 0/1 column of the file. The labels shorten the codebook's definitions
(its Table 1); the groups are the unshaded categories of its Figure 1 ("Visualizing TAMM
v.2.1"), which sorts the tasks by the hourglass model of conflict resolution: a task
belongs to the nearest category above it there. Two tasks sit directly under a broad
category (Protect UN personnel and Assist with demining under Human security, Chapter VII
authorization under Violence limitation); each pair or single task is its own group here,
named as the codebook names it. The cooperation columns have no definition in the
codebook's table; their labels name the partner the figure shows.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class TaskGroup:
    key: str
    label: str
    # The codebook's top-level category: Peacekeeping, Violence limitation, Peacebuilding
    # or Cooperation.
    category: str


@dataclass(frozen=True)
class Task:
    code: str  # the file's column
    label: str
    group: str  # a TaskGroup key


GROUPS = (
    TaskGroup("ceasefire", "Peace agreement or ceasefire", "Peacekeeping"),
    TaskGroup("human-rights", "Human rights", "Violence limitation"),
    TaskGroup("human-security", "UN personnel and demining", "Violence limitation"),
    TaskGroup("humanitarian", "Humanitarian assistance", "Violence limitation"),
    TaskGroup("territorial", "Territorial integrity", "Violence limitation"),
    TaskGroup("chapter-vii", "Chapter VII authorization", "Violence limitation"),
    TaskGroup("elections", "Elections", "Peacebuilding"),
    TaskGroup("state-building", "State-building", "Peacebuilding"),
    TaskGroup("transitional-justice", "Transitional justice", "Peacebuilding"),
    TaskGroup("ddr", "Disarmament, demobilization and reintegration", "Peacebuilding"),
    TaskGroup("public-information", "Public information", "Peacebuilding"),
    TaskGroup(
        "cooperation-igos", "Cooperation with intergovernmental organizations", "Cooperation"
    ),
    TaskGroup("cooperation-other", "Other cooperation", "Cooperation"),
)

TASKS = (
    Task("peaceag_cease_assist", "Help implement a ceasefire or peace agreement", "ceasefire"),
    Task("peaceag_cease_monitor", "Monitor a ceasefire or peace agreement", "ceasefire"),
    Task("buffer_monitor", "Monitor a buffer zone", "ceasefire"),
    Task("liaise_warpart", "Liaise between the warring parties", "ceasefire"),
    Task("goodoffices", "Exercise good offices", "ceasefire"),
    Task("humrts_monitor", "Monitor human rights", "human-rights"),
    Task("refugees_monitor", "Monitor the situation of refugees", "human-rights"),
    Task("humrts_protect", "Protect human rights", "human-rights"),
    Task("children_protect", "Protect children", "human-rights"),
    Task("women_protect", "Prevent sexual violence and protect women", "human-rights"),
    Task("prociv", "Protect civilians", "human-rights"),
    Task("unpersonnel_protect", "Protect UN personnel", "human-security"),
    Task("demining_assist", "Assist with demining", "human-security"),
    Task("refugees_assist", "Help refugees", "humanitarian"),
    Task("humaid_assist", "Facilitate the delivery of humanitarian assistance", "humanitarian"),
    Task("humpersonnel_protect", "Protect humanitarian personnel", "humanitarian"),
    Task("borders_monitor", "Monitor the host country's borders", "territorial"),
    Task("weaponstrade_monitor", "Monitor the weapons trade", "territorial"),
    Task("weaponsembargo_monitor", "Monitor a weapons embargo", "territorial"),
    Task("cargoinspections", "Inspect cargo", "territorial"),
    Task("resources_monitor", "Monitor the use of natural resources", "territorial"),
    Task("ch7", "Chapter VII authorization", "chapter-vii"),
    Task("election_monitor", "Monitor elections", "elections"),
    Task("election_security", "Provide security during elections", "elections"),
    Task("election_assist", "Assist with holding elections", "elections"),
    Task("govcap_assist", "Help build government capacity", "state-building"),
    Task("govpolicies_assist", "Help implement government policies", "state-building"),
    Task("justice_assist", "Assist justice sector reform", "state-building"),
    Task("securitysectorreform_assist", "Assist security sector reform", "state-building"),
    Task("policereform_assist", "Assist police reform", "state-building"),
    Task("police_monitor", "Monitor the police", "state-building"),
    Task("police_jointpatrols", "Patrol jointly with the police", "state-building"),
    Task("qip_assist", "Assist quick impact projects", "state-building"),
    Task(
        "cultural_pres", "Help prevent attacks on cultural and historical sites", "state-building"
    ),
    Task("reconciliation", "Promote national reconciliation", "transitional-justice"),
    Task("justice_warcrim", "Pursue justice for war crimes", "transitional-justice"),
    Task("ddr_monitor", "Monitor disarmament, demobilization and reintegration", "ddr"),
    Task("ddr_assist", "Help implement disarmament, demobilization and reintegration", "ddr"),
    Task("mission_pr", "Inform the public about the mission", "public-information"),
    Task("freepress", "Promote freedom of the press", "public-information"),
    Task("au_coop", "Cooperate with the African Union", "cooperation-igos"),
    Task("eu_coop", "Cooperate with the European Union", "cooperation-igos"),
    Task("osce_coop", "Cooperate with the OSCE", "cooperation-igos"),
    Task("oas_coop", "Cooperate with the Organization of American States", "cooperation-igos"),
    Task("cis_coop", "Cooperate with the Commonwealth of Independent States", "cooperation-igos"),
    Task("ecowas_coop", "Cooperate with ECOWAS", "cooperation-igos"),
    Task("undp_coop", "Cooperate with the UN Development Programme", "cooperation-other"),
    Task("jmc_coop", "Cooperate with the JMC", "cooperation-other"),
    Task("othermission_coop", "Cooperate with another UN mission", "cooperation-other"),
    Task("coop_other", "Cooperate with other partners", "cooperation-other"),
)

TASK_CODES = tuple(task.code for task in TASKS)
TASK_BY_CODE = {task.code: task for task in TASKS}
GROUP_BY_KEY = {group.key: group for group in GROUPS}
TASK_CHOICES = [(task.code, task.label) for task in TASKS]


def tasks_by_group(codes):
    """[(group, [task, …])] for the given task codes, in the codebook's order; groups
    without any of the tasks are left out."""
    chosen = set(codes)
    return [
        (group, tasks)
        for group in GROUPS
        if (tasks := [task for task in TASKS if task.group == group.key and task.code in chosen])
    ]
