"""The keyed audit chain and the paper anchor of locked months (issue 18)."""

# ---- keyed audit chain -----------------------------------------------------------------------
AUDIT_NEEDS_KEY = ("本数据库的审计记录已启用密钥，写入需要管理员登录（未解锁密钥时不能写入无密钥的记录）。"
                   "请以管理员身份登录后再操作，数据未改动。")
AUDIT_OK_KEYED = "审计记录完整：共 {rows} 条，哈希链校验通过（第 {first} 条起以管理员密钥逐条核对）。"
AUDIT_OK_UNCHECKED = ("审计记录结构完整：共 {rows} 条；启用密钥前的第 1–{plain} 条哈希链校验通过。"
                      "第 {first} 条起的 {n} 条为密钥链，只核对了链接，逐条核对需要管理员登录。")

# ---- paper anchor (校验码) --------------------------------------------------------------------
ANCHOR_CODE_LABEL = "校验码"
ANCHOR_CODE_LINE = ("校验码 {code}（锁定时生成；在 OnsiteDesk 考勤日历“核对校验码…”或用命令 "
                    "month verify {month} {code} 核对数据库是否仍与本表相符）")
ANCHOR_NOT_LOCKED_LINE = "校验码：未锁定"
ANCHOR_OK = "一致：数据库与签字的考勤表相符（{month}，{at} 由 {actor} 锁定，校验码 {code}）。"
ANCHOR_OK_UNCHECKED = ("提示：审计记录第 {first} 条起为密钥链，未登录管理员时只核对了链接；"
                       "逐条核对请以管理员身份登录后再核对。")
ANCHOR_BAD = "不一致：数据库与签字的考勤表不符（{month}）。"
ANCHOR_PROBLEM = {
    "bad_code": "校验码“{code}”格式不对：应为 12 位（如 7K3M-Q9PD-X2AB），只含数字和字母（不含 U）。",
    "not_locked": "{month} 未锁定：没有签字时的冻结数据可核对。",
    "reopened": "{month} 已于 {at} 由 {actor} 重新打开（原因：{reason}），当前未锁定；"
                "签字的考勤表所依据的锁定已失效。",
    "no_anchor": "{month} 的锁定早于校验码功能，没有可核对的校验码；重新打开并再次锁定后可获得校验码。",
    "snapshot_changed": "{month} 锁定时冻结的考勤结果已被改动（与锁定时记下的摘要不符）。",
    "anchor_changed": "{month} 锁定时记下的摘要或审计链位置已被改动。",
    "audit_broken": "审计记录链在第 {id} 条处断开或被改动：锁定记录不在完整的审计链中。",
    "lock_row_missing": "找不到 {month} 锁定时的审计记录（第 {id} 条应为该锁定），审计记录被改动。",
    "code_old_lock": "校验码属于 {month} 较早的一次锁定（{at}），该锁定后来被重新打开；"
                     "当前锁定的校验码不同：签字的考勤表不是现在的版本。",
    "code_other_month": "校验码属于 {other}，不是 {month} 的。",
    "code_mismatch": "校验码与 {month} 当前的锁定不符（签字的考勤表与数据库不一致，或校验码抄错）。",
}

# ---- CLI / dialog -----------------------------------------------------------------------------
H_MONTH_VERIFY_CODE = "month verify YYYY-MM 校验码：核对签字考勤表上的校验码与数据库是否相符"
CLI_MONTH_VERIFY_USAGE = "用法：month verify YYYY-MM 校验码（例如 month verify 2026-11 7K3M-Q9PD-X2AB）"
ACT_VERIFY_CODE = "核对校验码…"
VERIFY_CODE_TITLE = "核对校验码"
VERIFY_CODE_INTRO = "输入签字考勤表上印的校验码，核对数据库中该月的锁定数据是否仍与签字时一致。"
VERIFY_CODE_MONTH = "月份"
VERIFY_CODE_CODE = "校验码"
VERIFY_CODE_PLACEHOLDER = "XXXX-XXXX-XXXX（大小写、O/0、I/L/1 均可）"
VERIFY_CODE_RUN = "核对"
VERIFY_CODE_CLOSE = "关闭"
