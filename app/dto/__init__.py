"""What the services hand out (data transfer objects) and the texts made from them: the
contract between the use cases (app.services) and the printouts (app.documents) and the
window (ui). These modules import only the domain, the strings and each other, so a printout
or a tab uses them without loading a use case or the database layer
(tests/unit/test_import_graph.py)."""
