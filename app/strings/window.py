"""The main window, its menus and app-wide dialogs, and the start-up self-check."""

# ---- main window -------------------------------------------------------------------------
TAB_ROSTER = "花名册"
MENU_FILE = "文件(&F)"
MENU_SETTINGS = "设置(&S)"
MENU_TOOLS = "工具(&T)"
MENU_HELP = "帮助(&H)"
ACT_IMPORT_ROSTER = "导入花名册…"
ACT_EXPORT_ROSTER = "导出花名册…"
ACT_BACKUP = "立即备份数据库"
ACT_OPEN_DATA_DIR = "打开数据文件夹"
ACT_QUIT = "退出"
ACT_PROJECT = "项目信息…"
ACT_DB_CHECK = "数据库完整性检查"
ACT_AUDIT_VERIFY = "审计记录校验"
ACT_ABOUT = "关于驻场管家"
WINDOW_TITLE = "驻场管家 — {project}"
WINDOW_TITLE_NO_PROJECT = "驻场管家 — 未设置项目（请在“设置 > 项目信息”中填写）"
STATUS_DB = "数据库：{path}"
STATUS_PEOPLE = "在岗 {active} 人 · 待入场 {pending} 人 · 交接中 {handover} 人 · 已离场 {left} 人"
ABOUT_TITLE = "关于驻场管家"
ABOUT_TEXT = (
    "<h3>驻场管家 OnsiteDesk {version}</h3>"
    "<p>按甲方制度管理驻场人员：花名册、考勤、请假、变更交接、扣分考核与运维记录。</p>"
    "<p>完全离线运行，不连接互联网；数据只保存在本机。</p>"
    "<p>数据库：{db}<br/>日志：{log}</p>"
)
CRASH_TITLE = "意外错误"
ERROR_TITLE = "提示"
INFO_TITLE = "提示"
CONFIRM_TITLE = "请确认"
BACKUP_DONE_TITLE = "备份完成"
RESTORE_TITLE = "数据库损坏"

# ---- project settings dialog -----------------------------------------------------------
PROJECT_DIALOG_TITLE = "项目信息"
PROJECT_DIALOG_HINT = "这些信息会印在每一张表单和报表的表头与签字栏上。"

# ---- smoke mode and start-up probe -------------------------------------------------------
H_SMOKE = "自检：在临时数据库上打开主窗口、逐个访问标签页、做一次小的导入导出，成功则退出码为 0"
SMOKE_OK = "自检通过：{summary}"
SMOKE_FAILED = "自检失败：{err}"
OPENING_DB = "正在打开数据库…"
