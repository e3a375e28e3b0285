"""
Stand-ins for the parts of mage_integrations a generated source touches, written
for the tests from the documented contracts (hosts.md and the import manifest):
enough to import the generated modules, run their unit tests and run a source
as a script with --discover. Not the real package: no Singer output, no sync.
"""
