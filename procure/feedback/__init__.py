"""Learning from answers: the shortlists procure showed buyers (web page, CSV export, API,
digest), suppliers' answers and buyers' trade corrections recorded with the shortlist they
followed, and `procure report feedback` measuring the ranking against them."""
