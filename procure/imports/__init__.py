"""Background imports: a web upload is stored, then processed by the scheduler (or
`procure import run-pending`) one committed batch at a time, with a report the uploader reads."""
