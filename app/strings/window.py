"""The main window, its menus and app-wide dialogs, and the start-up self-check."""

# ---- main window -------------------------------------------------------------------------
TAB_ROSTER = "花名册"
TAB_ATTENDANCE = "考勤日历"
TAB_HANDOVER = "变更交接"
TAB_IMPORTS = "打卡导入"
TAB_LEAVE = "请假"
TAB_SCORES = "扣分考核"
TAB_SERVICE = "运维记录"
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
ACT_DIRECT_PRINT = "打印时直接送默认打印机（不先打开预览）"
ACT_DB_CHECK = "数据库完整性检查"
ACT_AUDIT_VERIFY = "审计记录校验"
ACT_ABOUT = "关于驻场管家"
# Qt appends the application display name (驻场管家) to the title itself
WINDOW_TITLE = "{project}"
WINDOW_TITLE_NO_PROJECT = "未设置项目（请在“设置 > 项目信息”中填写）"
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

# ---- first run: the getting-started checklist ---------------------------------------------
FIRST_RUN_TITLE = "开始使用："
FIRST_RUN_STEPS = ("项目信息", "人员", "考勤机或导入打卡", "本月考勤")
FIRST_RUN_HINTS = (
    "填写项目名称、甲方和驻场单位（印在每张表头上）",
    "新增人员或导入花名册，考勤号要与考勤机一致",
    "设置考勤机，或导入考勤机导出的 U 盘文件",
    "导入本月的打卡，在“考勤日历”页核对本月考勤",
)
FIRST_RUN_NEXT = "下一步：{step} — {hint}"
FIRST_RUN_DONE_MARK = "✓ "
FIRST_RUN_TODO_MARK = ""
FIRST_RUN_HIDE = "隐藏"

# ---- help ----------------------------------------------------------------------------------
ACT_GUIDE = "使用说明"
GUIDE_TITLE = "使用说明"
GUIDE_FILE = "使用说明.html"
GUIDE_MISSING = "找不到使用说明文件：{path}"

# ---- keyboard and status bar ---------------------------------------------------------------
TAB_SWITCH_HINT = "Alt+{n}"

# ---- empty lists: why empty, what to do ----------------------------------------------------
EMPTY_ROSTER = "花名册还是空的。\n点“新增人员”逐个录入，或用“文件 > 导入花名册”（Ctrl+I）导入 Excel 名单。"
EMPTY_ATTENDANCE = "本月没有可显示的人员。\n先在“花名册”中添加人员，再在“打卡导入”中导入打卡数据。"
EMPTY_LEAVE = "本月还没有请假记录。\n点“新建请假…”录入一条请假。"
EMPTY_OVERTIME = "本月还没有加班记录。\n点“登记加班…”录入。"
EMPTY_HANDOVER = "还没有人员变更与交接记录。\n人员离场、更换或新增时，点“新建变更…”。"
EMPTY_HANDOVER_ITEMS = "选中一项交接，这里显示它的交接清单。"
EMPTY_SCORES = "本月没有需要考核的人员。\n先在“花名册”中添加人员。"
EMPTY_INCIDENTS = "本月没有扣分记录。\n考勤问题会自动计入；其他扣分在这里登记。"
EMPTY_SERVICE = "这个月还没有运维记录。\n点“新建记录…”录入一次服务。"
EMPTY_IMPORT_HISTORY = "还没有导入过打卡数据。\n点“从考勤机读取（局域网）”或“导入 U 盘文件…”。"
EMPTY_IMPORT_PROBLEMS = "没有需要处理的导入问题。"
EMPTY_UNMAPPED = "所有考勤号都已对应到人员。"

# issue 19: the PostgreSQL server lost while the window is open
SERVER_LOST_BANNER = ("与数据库服务器的连接中断：{err}\n"
                      "各页的数据未能读取或不完整，此时空白的列表并不代表没有数据；"
                      "出错时的操作没有写入数据库。网络或服务器恢复后，请点“重新连接”。")
SERVER_RECONNECT = "重新连接"
SERVER_LOST_EMPTY = "数据未能读取：与数据库服务器的连接中断（见窗口上方的提示）。"
SERVER_STILL_LOST = "仍无法连接数据库服务器：{err}"
SERVER_BACK = "已重新连接数据库服务器，各页数据已重新读取。"
