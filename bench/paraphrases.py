"""Claims and the passages that report them in other words, about a made-up conflict.

Each pair is (claim, passage). In the first set the two share no content word at all; in the
second they share only a name (a town, a group), as reports of the same event usually do.
"""

NO_SHARED_WORD = [
    (
        "Rebels overran the army base",
        "Insurgent fighters took control of the military garrison after a night of clashes.",
    ),
    (
        "Insurgents seized the airport",
        "Militants captured the airfield on Tuesday, witnesses reported.",
    ),
    (
        "The junta bombed a school",
        "Military aircraft struck a classroom building, killing several pupils.",
    ),
    (
        "Government troops recaptured the bridge",
        "Soldiers loyal to the regime retook the river crossing at dawn.",
    ),
    (
        "Thousands fled the fighting",
        "Large numbers of civilians escaped the clashes and crossed into the neighbouring country.",
    ),
    (
        "The ceasefire collapsed",
        "A truce agreed last month broke down as both sides resumed shelling.",
    ),
    (
        "Soldiers surrendered en masse",
        "Hundreds of troops laid down their weapons and gave themselves up to the militia.",
    ),
    (
        "The commander was killed",
        "The general who led the division died in an ambush, his family confirmed.",
    ),
    (
        "Hospitals ran out of medicine",
        "Clinics have exhausted their stocks of drugs, doctors warned.",
    ),
    (
        "Electricity was cut across the region",
        "The whole province has been without power since the grid station was hit.",
    ),
    (
        "The internet was shut down",
        "Authorities blocked online access and mobile data for the entire state.",
    ),
    (
        "Prisoners escaped from the jail",
        "Inmates broke out of the detention centre during the assault.",
    ),
    (
        "The rebels executed captives",
        "Detained soldiers were shot dead by the insurgent group, survivors said.",
    ),
    (
        "The road to the border is blocked",
        "No vehicle can reach the frontier: the highway has been closed by checkpoints.",
    ),
    (
        "Food prices tripled",
        "The cost of rice and cooking oil has risen threefold since the siege began.",
    ),
    (
        "Peace talks were cancelled",
        "Negotiations between the warring parties have been called off.",
    ),
    (
        "Landmines killed children",
        "Explosive devices buried in fields claimed the lives of several young boys and girls.",
    ),
    (
        "The militia recruited teenagers",
        "Armed groups have been enlisting boys as young as fifteen into their ranks.",
    ),
    (
        "A drone attack hit the palace",
        "Unmanned aircraft struck the presidential residence overnight.",
    ),
    (
        "Journalists were arrested",
        "Police detained several reporters covering the protests.",
    ),
]

SHARED_NAME = [
    (
        "The Free Coast Army fully conquered Duskport headquarters",
        "The Free Coast Army says its fighters now hold every position of the regional command "
        "in Duskport.",
    ),
    (
        "The military lost contact with its officers in Duskport",
        "Officials admitted they could no longer reach several senior commanders stationed in "
        "Duskport.",
    ),
    (
        "Velmar fell to the insurgents",
        "Militants have taken complete control of Velmar after a week-long siege.",
    ),
    (
        "The Aldera air force bombed Ostrava market",
        "Jets of the Aldera military struck the crowded bazaar in Ostrava, residents said.",
    ),
    (
        "The Northern Alliance captured 40 outposts",
        "Forty military posts have been overrun by the Northern Alliance, its spokesman said.",
    ),
    (
        "Refugees from Korvana crossed the river",
        "Families escaping Korvana waded across the water to reach safety.",
    ),
    (
        "The Kessel dam was destroyed",
        "An explosion wrecked the Kessel reservoir wall, flooding villages downstream.",
    ),
    (
        "Troops withdrew from Marren",
        "The army pulled its units out of Marren overnight, abandoning heavy equipment.",
    ),
    (
        "The Duskport governor resigned",
        "The head of the Duskport provincial administration stepped down on Friday.",
    ),
    (
        "Velmar hospital was shelled",
        "Artillery rounds landed on the main medical centre in Velmar.",
    ),
]

CASES = NO_SHARED_WORD + SHARED_NAME
