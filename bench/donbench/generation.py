# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The benchmark municipality: users through the ORM, youths, cases and
contributions with COPY (seeded: the same data on every run), and the access
relation filled once. ``prepare_database`` builds or reuses such a database."""

import contextlib
import datetime
import io
import json
import random
import time
from dataclasses import dataclass, field

import odoo
import odoo.modules.registry
import odoo.sql_db
from odoo import SUPERUSER_ID, api

from . import log
from .db import (
    MARKER_KEY,
    RECORD_TABLES,
    analyze,
    code_fingerprint,
    drop_db,
    read_marker,
    run_odoo,
    vacuum_analyze,
)

# 2: the cases hold factors, goals, interventions and relations (the form's tabs).
GEN_VERSION = 2
SEED = 20260101


@dataclass(frozen=True)
class Scale:
    companies: int  # municipalities, each with the counts below
    youths: int
    cases: int
    notes: int
    absolute_targets: bool  # the 50 ms targets are defined at municipal scale


SCALES = {
    "small": Scale(1, 500, 1_000, 10_000, False),
    "municipal": Scale(1, 10_000, 20_000, 200_000, True),
    "regional": Scale(10, 10_000, 20_000, 200_000, False),
}

# Context of the web client (the users' language is set per user).
CONTEXT = {"lang": "en_US", "tz": "Europe/Amsterdam"}

# Users of each municipality: (key, name, role, domains).
USERS = [
    ("kt_veiligheid", "Kernteamlid Veiligheid", "kernteam", ["veiligheid"]),
    ("kt_sociaal", "Kernteamlid Sociaal domein", "kernteam", ["sociaal"]),
    ("kt_politie", "Kernteamlid Politie", "kernteam", ["politie"]),
    ("kt_om", "Kernteamlid OM", "kernteam", ["om"]),
    ("projectleider", "Projectleider DON", "projectleider", ["veiligheid"]),
    ("pro_jeugdconsulent", "Jeugdconsulent", "professional", ["sociaal"]),
    ("pro_leerplicht", "Leerplichtambtenaar", "professional", ["sociaal"]),
    ("pro_jongerenwerk", "Jongerenwerker", "professional", ["sociaal"]),
    ("pro_boa", "Boa", "professional", ["veiligheid"]),
    ("pro_wijkagent", "Wijkagent", "professional", ["politie"]),
    ("pro_wijkteam", "Wijkteam (sociaal en veiligheid)", "professional", ["sociaal", "veiligheid"]),
    ("pro_jobcoach", "Jobcoach", "professional", ["sociaal"]),
]
ROLE_GROUPS = {
    "professional": "don_core.group_don_professional",
    "kernteam": "don_core.group_don_kernteam",
    "projectleider": "don_core.group_don_projectleider",
}
# The measured restricted users (in the first municipality) and the columns.
DOMAIN_WEIGHTS = {"sociaal": 40, "veiligheid": 25, "politie": 25, "om": 10}
NOTE_TYPES = {
    "sociaal": ["care", "school", "other"],
    "veiligheid": ["safety", "other"],
    "politie": ["police"],
    "om": ["justice"],
}
SHARING_WEIGHTS = {"domain": 50, "kernteam": 35, "involved": 15}
STAGE_WEIGHTS = {"aanmelding": 15, "analyse": 15, "aanpak": 30, "nazorg": 15, "afgesloten": 25}
CLOSING_REASONS = ["goal_reached", "referred", "moved", "no_grounds", "age", "other"]
FIRST_NAMES = (
    "Daan Sem Milan Levi Noah Luuk Finn Mees Bram Jesse Thijs Lucas Ryan Mohammed Adam "
    "Emma Julia Mila Tess Sophie Zoë Sara Nora Yara Eva Liv Lotte Noor Fenna Amira"
).split()
LAST_NAMES = (
    "de Jong,Jansen,de Vries,van den Berg,van Dijk,Bakker,Janssen,Visser,Smit,Meijer,"
    "de Boer,Mulder,de Groot,Bos,Vos,Peters,Hendriks,van Leeuwen,Dekker,Brouwer,"
    "El Amrani,Yilmaz,Kaya,Öztürk,Bouzid,Martina,Pinas,Nguyen,Kowalski,Haddou"
).split(",")
STREETS = "Dorpsstraat Kerkstraat Stationsweg Schoolstraat Molenweg Julianalaan Beatrixstraat"
STREETS = STREETS.split()
BODY = (
    "Summary of what this domain knows about the young person: contacts at school, at home "
    "and in the neighbourhood, recent incidents and the agreements made with the family."
)


def weighted(rng, weights):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def copy_value(value):
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def copy_rows(cr, table, columns, rows):
    buf = io.StringIO()
    for row in rows:
        buf.write("\t".join(copy_value(value) for value in row))
        buf.write("\n")
    buf.seek(0)
    cr.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN", buf)


def next_id(cr, table):
    cr.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")
    return cr.fetchone()[0]


@dataclass
class Municipality:
    company_id: int
    users: dict  # key -> user id
    by_domain: dict = field(default_factory=dict)  # domain code -> user ids
    professionals: list = field(default_factory=list)


def create_companies(env, count):
    companies = [env.ref("base.main_company")]
    for index in range(2, count + 1):
        companies.append(env["res.company"].create({"name": f"Gemeente Regio {index:02d}"}))
    return companies


def create_users(env, companies):
    domains = {d.code: d for d in env["don.domain"].search([])}
    users_model = env["res.users"].with_context(
        no_reset_password=True, mail_create_nolog=True, tracking_disable=True
    )
    municipalities = []
    for number, company in enumerate(companies, start=1):
        muni = Municipality(company.id, {})
        for key, name, role, domain_codes in USERS:
            group_ids = [env.ref(ROLE_GROUPS[role]).id] + [
                domains[code].group_id.id for code in domain_codes
            ]
            user = users_model.create(
                {
                    "name": name if number == 1 else f"{name} ({company.name})",
                    "login": f"bench.{number:02d}.{key}",
                    "company_id": company.id,
                    "company_ids": [(6, 0, company.ids)],
                    "groups_id": [(6, 0, group_ids)],
                    "tz": "Europe/Amsterdam",
                }
            )
            muni.users[key] = user.id
            for code in domain_codes:
                muni.by_domain.setdefault(code, []).append(user.id)
            if role == "professional":
                muni.professionals.append(user.id)
        municipalities.append(muni)
    return municipalities, {code: d.id for code, d in domains.items()}


def generate_youths(cr, rng, muni, count, today, now):
    first = next_id(cr, "don_youth")
    rows = []
    for offset in range(count):
        youth_id = first + offset
        birth = today - datetime.timedelta(days=rng.randint(12 * 365, 23 * 365))
        rows.append(
            (
                youth_id,
                f"JGD-{youth_id:06d}",
                f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                birth,
                f"{rng.choice(STREETS)} {rng.randint(1, 180)}",
                f"38{rng.randint(10, 99)} {rng.choice('ABCDEFGHJKLMNPRSTVWXZ')}"
                f"{rng.choice('ABCDEFGHJKLMNPRSTVWXZ')}",
                "Eemvoorde",
                muni.company_id,
                True,
                muni.users["projectleider"],
                muni.users["projectleider"],
                now,
                now,
            )
        )
    columns = "id reference name date_of_birth street zip city company_id active"
    columns += " create_uid write_uid create_date write_date"
    copy_rows(cr, "don_youth", columns.split(), rows)
    return list(range(first, first + count))


def generate_cases(cr, rng, muni, youth_ids, count, domain_ids, today, now):
    first = next_id(cr, "don_case")
    rows, involved, cases = [], [], []
    for offset in range(count):
        case_id = first + offset
        # Every youth has a case; the rest are second and third trajectories.
        youth = youth_ids[offset] if offset < len(youth_ids) else rng.choice(youth_ids)
        start = today - datetime.timedelta(days=rng.randint(0, 5 * 365))
        stage = weighted(rng, STAGE_WEIGHTS)
        closed = reason = None
        if stage == "afgesloten":
            closed = start + datetime.timedelta(days=rng.randint(0, (today - start).days))
            reason = rng.choice(CLOSING_REASONS)
        director = rng.choice(muni.professionals)
        others = [uid for uid in muni.professionals if uid != director]
        for user_id in rng.sample(others, rng.randint(0, 2)):
            involved.append((case_id, user_id))
        rows.append(
            (
                case_id,
                f"CAS-{start.year}-{case_id:06d}",
                youth,
                stage,
                director,
                domain_ids[weighted(rng, DOMAIN_WEIGHTS)],
                start,
                closed,
                reason,
                "<p>Reason for the approach and the agreed approach, in broad lines.</p>",
                muni.company_id,
                True,
                0,
                muni.users["projectleider"],
                muni.users["projectleider"],
                now,
                now,
            )
        )
        cases.append((case_id, start))
    columns = "id reference youth_id stage director_id lead_domain_id date_start date_closed"
    columns += " closing_reason summary company_id active color create_uid write_uid"
    columns += " create_date write_date"
    copy_rows(cr, "don_case", columns.split(), rows)
    copy_rows(cr, "don_case_involved_user_rel", ["case_id", "user_id"], involved)
    return cases


def generate_notes(cr, rng, muni, cases, count, domain_ids, legal_basis_id, today, now):
    first = next_id(cr, "don_case_note")
    audience = sorted({uid for uids in muni.by_domain.values() for uid in uids})
    rows, listed = [], []
    for offset in range(count):
        note_id = first + offset
        case_id, start = rng.choice(cases)
        code = weighted(rng, DOMAIN_WEIGHTS)
        level = weighted(rng, SHARING_WEIGHTS)
        author = rng.choice(muni.by_domain[code])
        if level == "involved":
            listed.append((note_id, rng.choice([uid for uid in audience if uid != author])))
        note_type = rng.choice(NOTE_TYPES[code])
        rows.append(
            (
                note_id,
                case_id,
                muni.company_id,
                domain_ids[code],
                level,
                legal_basis_id if level == "kernteam" else None,
                author,
                f"{note_type.capitalize()} contribution {note_id}",
                note_type,
                start + datetime.timedelta(days=rng.randint(0, (today - start).days)),
                BODY,
                author,
                author,
                now,
                now,
            )
        )
    columns = "id case_id company_id domain_id sharing_level legal_basis_id author_id name"
    columns += " note_type date body create_uid write_uid create_date write_date"
    copy_rows(cr, "don_case_note", columns.split(), rows)
    copy_rows(cr, "don_case_note_user_rel", ["note_id", "user_id"], listed)


# What a case holds besides contributions, per case (inclusive ranges): the
# tabs of its form. Items are shared with the own domain or the Kernteam.
ITEMS_PER_CASE = {"factors": (2, 6), "goals": (0, 3), "interventions": (0, 3), "relations": (1, 3)}
ITEM_SHARING_WEIGHTS = {"domain": 55, "kernteam": 45}
GOAL_AREAS = ["individual", "home", "school", "friends", "leisure"]
RELATION_TYPES = ["parent", "sibling", "family", "friend", "school", "club", "youth_worker"]
INTERVENTION_STATES = {"planned": 30, "running": 40, "done": 25, "cancelled": 5}


def _item(rng, muni, domain_ids, legal_basis_id):
    """domain_id, sharing_level, legal_basis_id, author_id of a case item."""
    code = weighted(rng, DOMAIN_WEIGHTS)
    level = weighted(rng, ITEM_SHARING_WEIGHTS)
    basis = legal_basis_id if level == "kernteam" else None
    return domain_ids[code], level, basis, rng.choice(muni.by_domain[code])


def generate_case_items(cr, rng, muni, cases, domain_ids, legal_basis_id, today, now):
    """Risk and protective factors, goals of the plan, interventions and
    relations of the system, for every case (the tabs of the case form)."""
    cr.execute("SELECT id, kind, life_area FROM don_factor ORDER BY id")
    factors = cr.fetchall()
    cr.execute("SELECT id, line FROM don_intervention_type ORDER BY id")
    types = cr.fetchall()
    order = {area: index for index, area in enumerate(GOAL_AREAS)}
    rows = {"factors": [], "goals": [], "interventions": [], "relations": []}
    ids = {
        key: next_id(cr, table)
        for key, table in (
            ("factors", "don_case_factor"),
            ("goals", "don_case_goal"),
            ("interventions", "don_intervention"),
            ("relations", "don_case_relation"),
        )
    }
    company = muni.company_id
    for case_id, start in cases:
        count = {key: rng.randint(*span) for key, span in ITEMS_PER_CASE.items()}
        for factor_id, kind, area in rng.sample(factors, count["factors"]):
            item = _item(rng, muni, domain_ids, legal_basis_id)
            author = item[-1]
            day = start + datetime.timedelta(days=rng.randint(0, (today - start).days))
            assessment = rng.choice(["low", "medium", "high"])
            rows["factors"].append(
                (
                    ids["factors"],
                    case_id,
                    company,
                    *item,
                    factor_id,
                    kind,
                    area,
                    assessment,
                    day,
                    author,
                    author,
                    now,
                    now,
                )
            )
            ids["factors"] += 1
        goals = []
        for sequence, area in enumerate(rng.sample(GOAL_AREAS, count["goals"])):
            name = f"Goal for {area}: agreed steps and who helps"
            rows["goals"].append(
                (
                    ids["goals"],
                    case_id,
                    company,
                    sequence,
                    order[area],
                    area,
                    name,
                    start,
                    muni.users["projectleider"],
                    muni.users["projectleider"],
                    now,
                    now,
                )
            )
            goals.append(ids["goals"])
            ids["goals"] += 1
        for _index in range(count["interventions"]):
            item = _item(rng, muni, domain_ids, legal_basis_id)
            author = item[-1]
            type_id, line = rng.choice(types)
            begin = start + datetime.timedelta(days=rng.randint(0, (today - start).days))
            state = weighted(rng, INTERVENTION_STATES)
            rows["interventions"].append(
                (
                    ids["interventions"],
                    case_id,
                    company,
                    *item,
                    type_id,
                    f"Intervention {ids['interventions']}",
                    line,
                    "youth",
                    state,
                    begin,
                    rng.choice(goals) if goals else None,
                    author,
                    author,
                    now,
                    now,
                )
            )
            ids["interventions"] += 1
        for _index in range(count["relations"]):
            item = _item(rng, muni, domain_ids, legal_basis_id)
            author = item[-1]
            kind = rng.choice(RELATION_TYPES)
            influence = rng.choice(["protective", "neutral", "risk"])
            rows["relations"].append(
                (
                    ids["relations"],
                    case_id,
                    company,
                    *item,
                    kind,
                    f"Person {ids['relations']}",
                    influence,
                    author,
                    author,
                    now,
                    now,
                )
            )
            ids["relations"] += 1
    shared = "id case_id company_id domain_id sharing_level legal_basis_id author_id"
    stamps = " create_uid write_uid create_date write_date"
    copy_rows(
        cr,
        "don_case_factor",
        (shared + " factor_id kind life_area assessment date" + stamps).split(),
        rows["factors"],
    )
    copy_rows(
        cr,
        "don_case_goal",
        (
            "id case_id company_id sequence life_area_sequence life_area name agreed_date" + stamps
        ).split(),
        rows["goals"],
    )
    copy_rows(
        cr,
        "don_intervention",
        (shared + " type_id name line target state date_start goal_id" + stamps).split(),
        rows["interventions"],
    )
    copy_rows(
        cr,
        "don_case_relation",
        (shared + " relation_type name influence" + stamps).split(),
        rows["relations"],
    )


def fix_sequences(env):
    cr = env.cr
    for table in RECORD_TABLES:
        cr.execute(f"SELECT setval('{table}_id_seq', GREATEST((SELECT MAX(id) FROM {table}), 1))")
    for xmlid, table in (
        ("don_core.seq_don_youth", "don_youth"),
        ("don_core.seq_don_case", "don_case"),
    ):
        cr.execute(f"SELECT MAX(id) FROM {table}")
        env.ref(xmlid).number_next = (cr.fetchone()[0] or 0) + 1


def generate_data(env, scale, seed, more=None):
    """Users through the ORM, data with COPY; returns the timings.
    ``more(env, rng, muni, youth_ids, domain_ids)``, when given, adds a
    suite's own data to each municipality (signals, meetings, ...)."""
    rng = random.Random(seed)
    today = datetime.date.today()
    now = datetime.datetime.now().replace(microsecond=0)
    started = time.perf_counter()
    companies = create_companies(env, scale.companies)
    municipalities, domain_ids = create_users(env, companies)
    legal_basis_id = env.ref("don_core.legal_basis_convenant_kernteam").id
    env.flush_all()
    users_s = time.perf_counter() - started
    log(f"    users: {len(companies) * len(USERS)} created in {users_s:.1f} s")
    started = time.perf_counter()
    for muni in municipalities:
        youth_ids = generate_youths(env.cr, rng, muni, scale.youths, today, now)
        cases = generate_cases(env.cr, rng, muni, youth_ids, scale.cases, domain_ids, today, now)
        generate_notes(
            env.cr, rng, muni, cases, scale.notes, domain_ids, legal_basis_id, today, now
        )
        generate_case_items(env.cr, rng, muni, cases, domain_ids, legal_basis_id, today, now)
        if more:
            more(env, rng, muni, youth_ids, domain_ids)
    env.invalidate_all()
    fix_sequences(env)
    data_s = time.perf_counter() - started
    log(f"    data: inserted in {data_s:.1f} s")
    return {"users_s": users_s, "data_s": data_s}


@contextlib.contextmanager
def analyzed_recompute(env, timings):
    """Time each model of ``don.access._recompute()`` and ANALYZE the access
    relation after each one.

    The youth and item models read the access rows of the cases just written.
    Without fresh statistics on ``don_access_entry`` (empty until then) the
    planner expects a few rows per user and walks every case row of each user
    for every (youth, user) pair: the youth step alone did not finish in 7
    minutes at municipal scale. Until ``_recompute`` analyzes by itself, the
    benchmark does it here (about a second); the time is included.
    """
    access_class = type(env["don.access"])
    original = access_class._recompute_model

    def _recompute_model(self, model, params, ids, user_ids):
        started = time.perf_counter()
        original(self, model, params, ids, user_ids)
        if ids is None and user_ids is None:
            self.env.cr.execute("ANALYZE don_access_entry")
        timings[model._name] = time.perf_counter() - started

    access_class._recompute_model = _recompute_model
    try:
        yield
    finally:
        access_class._recompute_model = original


def recompute_access(env):
    """``don.access._recompute()`` over everything; returns the timings."""
    started = time.perf_counter()
    per_model = {}
    with analyzed_recompute(env, per_model):
        env["don.access"]._recompute()
    stats = {"recompute_s": time.perf_counter() - started, "recompute_models": per_model}
    detail = ", ".join(f"{name} {sec:.1f} s" for name, sec in per_model.items())
    log(f"    access relation: recomputed in {stats['recompute_s']:.1f} s ({detail})")
    return stats


def update_for_new_code(args, marker, code):
    """Reused data, changed don_core: update the module (schema) and rebuild
    the access relation with the current rules."""
    log(f"==> don_core changed since the data was generated: updating {args.database}")
    started = time.perf_counter()
    run_odoo(args.config, args.database, "-u", "don_core")
    log(f"    updated in {time.perf_counter() - started:.0f} s")
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, dict(CONTEXT))
        marker = dict(marker, code=code, **recompute_access(env))
        env["ir.config_parameter"].set_param(MARKER_KEY, json.dumps(marker))
    return marker


def prepare_database(args, scale):
    """Reuse or (re)create the database; returns the dataset marker."""
    wanted = {"scale": args.scale, "seed": SEED, "version": GEN_VERSION}
    code = code_fingerprint()
    marker = read_marker(args.database)
    if args.reuse and marker and all(marker.get(k) == v for k, v in wanted.items()):
        log(f"==> Reusing database {args.database} ({args.scale} scale data present)")
        if marker.get("code") != code:
            marker = update_for_new_code(args, marker, code)
        vacuum_analyze(args.database)
        return marker
    odoo.sql_db.close_db(args.database)
    if marker is not None:
        if not marker and "bench" not in args.database:
            # Not made by this script: never drop somebody's database.
            raise SystemExit(
                f"Database {args.database} exists and holds no benchmark data: refusing to "
                "drop it. Use a dedicated benchmark database (a name containing 'bench')."
            )
        log(f"==> Dropping database {args.database}")
        drop_db(args.database)
    log(f"==> Creating database {args.database} with don_core (no demo data)")
    started = time.perf_counter()
    run_odoo(args.config, args.database, "-i", "don_core", "--without-demo=all")
    install_s = time.perf_counter() - started
    log(f"    installed in {install_s:.0f} s")
    log(f"==> Generating {args.scale} scale data")
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, dict(CONTEXT))
        stats = generate_data(env, scale, SEED)
        analyze(env.cr)
        stats.update(recompute_access(env))
        marker = dict(wanted, code=code, install_s=install_s, **stats)
        env["ir.config_parameter"].set_param(MARKER_KEY, json.dumps(marker))
    started = time.perf_counter()
    vacuum_analyze(args.database)
    log(f"    VACUUM ANALYZE in {time.perf_counter() - started:.1f} s")
    return marker
