"""A job started from a page shows its progress to the end; the user's job list."""

from __future__ import annotations

from sqlalchemy import select

from crm.extensions import db
from crm.jobs import worker
from crm.jobs.models import Job


def test_self_check_started_from_a_page_shows_its_progress_to_the_end(client, login, make_user):
    worker.import_handlers()
    login(make_user("admin"))
    response = client.post("/jobs/self-check")
    assert response.status_code == 303
    job_url = response.headers["Location"]
    job = db.session.scalar(select(Job).order_by(Job.id.desc()))
    assert job_url == f"/jobs/{job.id}" and job.status == "queued"

    page = client.get(job_url).get_data(as_text=True)
    assert "<progress" in page and f'hx-get="/jobs/{job.id}/status"' in page
    assert 'hx-trigger="every 1s"' in page

    job.payload = {"steps": 5}
    db.session.commit()
    assert worker.run_one() == job.id
    fragment = client.get(f"/jobs/{job.id}/status").get_data(as_text=True)
    assert fragment.lstrip().startswith('<section id="job-status"')
    assert "hx-trigger" not in fragment  # polling stops
    assert '<progress value="1" max="1"' in fragment
    assert "<dt>Steps</dt><dd>5</dd>" in fragment


def test_a_running_job_shows_its_bar_and_keeps_polling(client, login, make_user, make_job):
    user = make_user("bd")
    job = make_job(user, status="running", progress_done=3, progress_total=10)
    login(user)
    html = client.get(f"/jobs/{job.id}/status").get_data(as_text=True)
    assert '<progress value="3" max="10"' in html
    assert "3 of 10" in html and 'hx-trigger="every 1s"' in html


def test_a_failed_job_shows_its_message(client, login, make_user, make_job):
    user = make_user("post")
    job = make_job(user, status="failed", error="Line 3: no such currency.")
    login(user)
    html = client.get(f"/jobs/{job.id}").get_data(as_text=True)
    assert "Line 3: no such currency." in html and 'role="alert"' in html


def test_only_the_creator_and_admins_see_a_job(client, login, make_user, make_job):
    job = make_job()
    login(make_user("topteam"))
    assert client.get(f"/jobs/{job.id}").status_code == 403
    login(make_user("admin"))
    assert client.get(f"/jobs/{job.id}").status_code == 200


def test_job_list_shows_own_jobs_and_admins_may_see_everyones(client, login, make_user, make_job):
    user = make_user("bd")
    make_job(user, title="My import")
    make_job(title="Somebody else's import")
    login(user)
    html = client.get("/jobs").get_data(as_text=True)
    assert "My import" in html and "Somebody else" not in html
    assert "Somebody else" not in client.get("/jobs?all=1").get_data(as_text=True)
    login(make_user("admin"))
    assert "Somebody else" in client.get("/jobs?all=1").get_data(as_text=True)


def test_job_list_has_a_fixed_number_of_statements(
    client, login, make_user, make_job, count_queries
):
    user = make_user("bd")
    login(user)
    counts = []
    for n in (5, 45):
        for _ in range(n):
            make_job(user)
        with count_queries() as counter:
            assert client.get("/jobs").status_code == 200
        counts.append(counter.count)
    assert counts[0] == counts[1]


def test_empty_job_list_explains_itself(client, login, make_user):
    login(make_user("firm", firm_id=None))
    assert "No jobs yet" in client.get("/jobs").get_data(as_text=True)
