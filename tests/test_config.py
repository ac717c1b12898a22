import pytest

from validator.config import Config, ConfigError, Policy, find_config, load_config
from validator.model import Severity


def test_nearest_configuration_wins(tmp_path):
    firm = tmp_path / "firm"
    case = firm / "cases" / "sharma"
    case.mkdir(parents=True)
    (firm / "pyproject.toml").write_text('[tool.prcheck]\nignore = ["FIL"]\n')
    assert find_config(case) == firm / "pyproject.toml"
    (firm / "cases" / "prcheck.toml").write_text('select = ["EMP"]\n')
    assert find_config(case) == firm / "cases" / "prcheck.toml"


def test_pyproject_without_prcheck_table_is_not_configuration(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert find_config(tmp_path) is None


def test_values_are_read(tmp_path):
    path = tmp_path / "prcheck.toml"
    path.write_text('select = "EMP, FIL001"\nignore = ["emp008"]\nfail-on = "warning"\n'
                    'severity = {EMP006 = "error"}\n[policy]\nportal_max_file_mb = 2\n'
                    'us_state_certificates = "required"\n')
    config = load_config(path)
    assert config.select == ("EMP", "FIL001") and config.ignore == ("EMP008",)
    assert config.fail_on == "warning" and config.severity == {"EMP006": Severity.ERROR}
    assert config.policy == Policy(us_state_certificates="required", portal_max_file_mb=2.0)


@pytest.mark.parametrize("text, message", [
    ('fail-on = "sometimes"', "fail-on"),
    ('severity = {EMP006 = "fatal"}', "severity.EMP006"),
    ('[policy]\nus_state_certificates = "maybe"', "policy.us_state_certificates"),
    ('[policy]\npolice_lookback_years = "ten"', "policy.police_lookback_years"),
    ('select = ["not a code"]', "select"),
])
def test_bad_values_are_errors_naming_the_key(tmp_path, text, message):
    path = tmp_path / "prcheck.toml"
    path.write_text(text + "\n")
    with pytest.raises(ConfigError, match=message):
        load_config(path)


def test_unknown_keys_warn(tmp_path):
    path = tmp_path / "prcheck.toml"
    path.write_text('colour = "blue"\n[policy]\nspeed = 3\n')
    assert len(load_config(path).warnings) == 2


def test_command_line_select_replaces_and_ignore_adds():
    config = Config(select=("EMP",), ignore=("FIL",)).with_cli(select=("POL",), ignore=("EMP008",))
    assert config.select == ("POL",) and config.ignore == ("FIL", "EMP008")
