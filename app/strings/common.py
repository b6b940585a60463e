"""Texts shared by every area: start-up, the database, audit, project settings, yes/no."""

APP_NAME = "驻场管家"
APP_TITLE = "驻场管家 OnsiteDesk"

# ---- database and start-up -------------------------------------------------------------
DB_FOLDER_FAILED = "无法创建数据文件夹 {path}：{err}"
DB_OPEN_FAILED = "无法打开数据库 {path}：{err}。请确认文件未被其他程序占用。"
DB_CHECK_FAILED = "数据库完整性检查未通过（{path}）：{problem}"
DB_CHECK_RESTORE_HINT = "可以从最近的备份恢复：{backup}"
DB_CHECK_NO_BACKUP = "没有可用的备份，请联系技术支持。"
DB_RESTORE_ASK = "数据库完整性检查未通过：\n{problem}\n\n是否用最近的备份恢复？\n{backup}\n\n损坏的文件会另存，不会删除。"
DB_RESTORED = "已从备份恢复：{backup}\n损坏的文件已另存为：{broken}"
MIGRATION_FK_BROKEN = "数据库升级后发现 {n} 处关联数据不一致，升级已撤销，数据未改动。"
DB_CHECK_OK = "数据库完整：{path}（完整性检查通过，关联检查通过）"
DB_BACKUP_DONE = "已备份到：{path}"
DB_NO_BACKUP_TO_RESTORE = "找不到可恢复的备份。"
AUDIT_OK = "审计记录完整：共 {rows} 条，哈希链校验通过。"
AUDIT_BAD = "审计记录被改动：共 {rows} 条，发现 {n} 处问题。"
AUDIT_PROBLEM = {
    "hash_mismatch": "第 {id} 条记录内容与哈希不符（记录被修改）",
    "chain_broken": "第 {id} 条记录与前一条的链接断开（前面的记录被删除、插入或修改）",
    "id_gap": "第 {id} 条之前缺少记录（记录被删除）",
    "head_mismatch": "最新记录与链尾标记不符（末尾的记录被删除或追加）",
    # the keyed chain (issue 18)
    "marker_missing": "已有用户账户（或已记录启用密钥），审计链中却找不到“启用密钥”记录（该记录被删除，"
                      "之后的记录被改成无密钥的哈希）",
    "marker_unnoted": "第 {id} 条“启用密钥”记录在链中，数据库中的对应标记却被删除",
    "marker_moved": "第 {id} 条“启用密钥”记录与数据库中的标记不符（标记被改动）",
    "plain_after_key": "第 {id} 条记录在启用密钥之后，却用无密钥的哈希计算（记录被伪造）",
    "key_mismatch": "第 {id} 条“启用密钥”记录与当前登录的密钥不符（记录被伪造，或不是本数据库的密钥）",
}

# ---- generic -----------------------------------------------------------------------------
YES = "是"
NO = "否"
UNEXPECTED_ERROR = "程序发生了意外错误。\n\n错误详情已写入日志文件：\n{log}\n\n请把该文件发给技术支持。"
CANCELLED = "已取消，数据未改动。"
WORKING = "正在处理…"
CANCEL = "取消"
SAVE = "保存"
LIST_SEP = "、"
LIST_SEMICOLON = "；"

# ---- project settings ------------------------------------------------------------------
DEFAULT_CLIENT_LABEL = "甲方"
DEFAULT_CLIENT_DEPT = "技术部"
CLIENT_LABEL_CHOICES = ("甲方", "采购人", "院方")
CLIENT_DEPT_CHOICES = ("技术部", "信息科", "信息中心")
PROJECT_FIELDS = {
    "name": "项目名称",
    "contract_no": "合同编号",
    "contractor": "承建单位",
    "client_name": "甲方单位",
    "client_label": "甲方称谓",
    "client_dept": "甲方部门",
    "supervisor_firm": "监理单位",
    "project_manager": "项目经理",
    "client_project_lead": "甲方项目负责人",
    "code": "项目代码",  # issue 19
}
PROJECT_REQUIRED = "项目名称不能为空。"

# ---- typed helpers for composite labels ---------------------------------------------------
# Code outside app/strings/ never spells full-width punctuation: it calls these instead.
def paren(note: str) -> str:
    """A note in full-width brackets: ``（暂估）``."""
    return f"（{note}）"


def with_note(text: str, note: str) -> str:
    """A label with its note in full-width brackets: ``张三（网络工程师）``."""
    return f"{text}（{note}）"


def labelled(label: str, value: str) -> str:
    """A label and its value after a full-width colon: ``说明：…``."""
    return f"{label}：{value}"


def without_note(text: str) -> str:
    """The text before its bracketed note: ``事假单次不得超过一个月（…）`` → ``事假单次不得超过一个月``."""
    return text.split("（", 1)[0]

# ---- UI conventions (issue 13): field errors, person labels ----
FIELD_ERROR = "{field}：{message}"

# ---- demo month end (issue 14): leave and overtime texts of the demo's last full month ----
DEMO_LEAVE_PERSONAL_REASON = "家中老人就医，需陪同"
DEMO_LEAVE_SICK_REASON = "急性肠胃炎，遵医嘱休息"
DEMO_LEAVE_ANNUAL_REASON = "年休假，回老家探亲"
DEMO_SICK_CERTIFICATE = "医院诊断证明书（病休两天）"
DEMO_OVERTIME_REST_REASON = "周末配合信息科进行HIS系统升级"
DEMO_OVERTIME_HOLIDAY_REASON = "节假日值守，保障门急诊系统运行"
# faults (issue 17): disk full, read-only, locked
DB_DISK_FULL = ("磁盘空间不足，无法写入文件夹 {folder}（剩余 {free} MB，至少需要 {need} MB）。"
                "请腾出空间后重试；这次的修改没有保存。")
DB_BUSY = "另一个窗口或任务正在使用数据库（{path}），请稍后重试。"
DB_BUSY_RETRY = "是否现在重试？"
DB_FOLDER_READ_ONLY = "文件夹只读：{folder}。数据库以只读方式打开，可以查看，不能修改。"
DB_FILE_READ_ONLY = "文件只读：{path}。数据库以只读方式打开，可以查看，不能修改。"
DB_READ_ONLY_NO_BACKUP = ("今天的备份无法写入：{reason}。为防止数据没有备份，数据库以只读方式打开，"
                          "可以查看，不能修改；腾出空间后重新打开即可恢复正常。")
DB_BACKUP_NO_SPACE = "磁盘空间不足，备份文件夹 {folder} 剩余 {free} MB，至少需要 {need} MB"
DB_BACKUP_DISK_FULL = "备份失败：" + DB_BACKUP_NO_SPACE + "。请腾出空间后重试。"
DB_READ_ONLY_NEW = "文件夹只读：{folder}。无法在这里新建数据库，请换一个可写的文件夹。"
DB_READ_ONLY_OLD_SCHEMA = "数据库需要升级后才能打开，但无法写入，请把数据库放到可写的文件夹后再打开。\n{reason}"
DB_READ_ONLY_UNREADABLE = "{reason}\n以只读方式也无法读取数据库：{problem}"
DB_READ_ONLY_BANNER = "只读模式：{reason}"
DB_READ_ONLY_REFUSED = "不能修改。{reason}"
DB_OPEN_LOCK_TIMEOUT = "另一个窗口或任务正在打开或升级数据库（{path}），请稍后重试。"

# issue 19: a PostgreSQL server database (--db postgresql+psycopg://…)
DB_SERVER_FAILED = "无法连接 PostgreSQL 数据库 {server}：{err}"
DB_NOT_FOR_SERVER = ("“{what}”只适用于 SQLite 数据库文件，不适用于 PostgreSQL 数据库（{server}）；"
                     "PostgreSQL 的检查、备份和恢复由数据库服务器负责（例如 pg_dump、pg_restore）。")
DB_WHAT_CHECK = "数据库检查"
DB_WHAT_BACKUP = "数据库备份"
DB_WHAT_RESTORE = "从备份恢复"
DB_WHAT_ACCEPT = "接受当前数据库"
