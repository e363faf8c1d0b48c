from nghitruong.voting.tests.test_lane.support import lane  # noqa: F401 - fixture
