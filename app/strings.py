"""Every user-visible Chinese text: UI, Excel headers, PDF labels, messages (DESIGN §6).

Parameterised texts are ``str.format`` templates or small functions.
"""

from __future__ import annotations

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
}

# ---- generic -----------------------------------------------------------------------------
YES = "是"
NO = "否"
UNEXPECTED_ERROR = "程序发生了意外错误。\n\n错误详情已写入日志文件：\n{log}\n\n请把该文件发给技术支持。"
CANCELLED = "已取消，数据未改动。"
WORKING = "正在处理…"
CANCEL = "取消"

# ---- command line ----------------------------------------------------------------------
CLI_DESCRIPTION = "驻场管家：驻场人员花名册、考勤、请假、交接、考核与运维记录"
CLI_USAGE_ERROR = "命令行参数有误：{err}"
CLI_FILE_NOT_FOUND = "找不到文件：{path}"
CLI_DEMO_DONE = "演示数据已写入 {path}：{people} 名驻场人员。"
CLI_DEMO_NOT_EMPTY = "数据库 {path} 已有花名册数据，演示数据只能写入空数据库。"
CLI_ROSTER_IMPORTED = "读取 {read} 行，导入 {imported} 行，拒绝 {rejected} 行。"
CLI_ROSTER_PROBLEM = "  第 {row} 行 [{column}]：{reason}"
CLI_ROSTER_EXPORTED = "已导出 {n} 人到 {path}"
CLI_NO_GUI = "无法启动图形界面：{err}"

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
}
PROJECT_REQUIRED = "项目名称不能为空。"

# ---- roster ------------------------------------------------------------------------------
STATUS_LABELS = {
    "pending": "待入场",
    "active": "在岗",
    "handover": "交接中",
    "left": "已离场",
}
ROLE_CHOICES = (
    "技术支持", "运维", "软件工程师", "集成工程师", "数据工程师", "网络及安全工程师", "项目经理",
)
ATTACHMENT_KINDS = {"certificate": "资质证书", "resume": "简历", "other": "其他"}
ROSTER_COLUMNS = {
    "employee_no": "工号",
    "name": "姓名",
    "device_user_id": "考勤号",
    "role": "岗位",
    "phone": "电话",
    "id_card_no": "身份证号",
    "start_date": "入场日期",
    "end_date": "离场日期",
    "status": "状态",
    "nda": "保密协议",
    "training": "入场培训",
    "equipment": "设备未归还",
    "first_work_date": "参加工作日期",
}
ROSTER_IMPORT_REQUIRED_HEADERS = ("工号", "姓名")
ROSTER_SHEET_TITLE = "驻场人员花名册"
ROSTER_EXPORT_SUBTITLE = "项目：{project}    导出日期：{date}    共 {n} 人    （身份证号、电话已按个人信息保护要求脱敏）"

# roster validation reasons (import and edit form)
R_EMPTY_NAME = "姓名不能为空"
R_EMPTY_EMPLOYEE_NO = "工号不能为空"
R_DUP_EMPLOYEE_NO_FILE = "工号 {no} 与第 {row} 行重复"
R_DUP_EMPLOYEE_NO_DB = "工号 {no} 已在花名册中（{name}）"
R_DUP_DEVICE_FILE = "考勤号 {no} 与第 {row} 行重复"
R_DUP_DEVICE_DB = "考勤号 {no} 已分配给 {name}"
R_BAD_DEVICE_ID = "考勤号只能是 1–9 位数字或字母：{value}"
R_BAD_DATE = "日期无法识别：{value}（应为 2026-03-01 这样的格式）"
R_END_BEFORE_START = "离场日期 {end} 早于入场日期 {start}"
R_BAD_STATUS = "状态应为 待入场、在岗、交接中 或 已离场：{value}"
R_BAD_PHONE = "电话号码格式不对：{value}"
R_MASKED = "{column}已脱敏（含 *），无法导入，请填写完整号码"
R_BAD_ID_LENGTH = "身份证号应为 18 位：{value}"
R_BAD_ID_CHARS = "身份证号含有非法字符：{value}"
R_BAD_ID_BIRTH = "身份证号中的出生日期不存在：{value}"
R_BAD_ID_CHECKSUM = "身份证号校验位不对（第 18 位应为 {expected}）：{value}"
R_TOO_LONG = "内容太长（最多 {n} 个字）"
ROSTER_FILE_UNREADABLE = "无法读取花名册文件 {path}：{err}"
ROSTER_FILE_NO_HEADER = "文件 {path} 的前 20 行中找不到表头（需要包含“工号”和“姓名”两列）。"
ROSTER_FILE_EMPTY = "文件 {path} 中没有数据行。"
ROSTER_FILE_BAD_TYPE = "不支持的文件类型：{path}（请使用 .xlsx、.xls 或 .csv）"
ROSTER_SAVE_FAILED = "无法写入文件 {path}：{err}"
PERSON_NOT_FOUND = "找不到该人员（编号 {id}）。"
ATTACHMENT_MISSING = "附件文件已不存在：{path}"
ATTACHMENT_SOURCE_MISSING = "找不到要添加的文件：{path}"
EQUIPMENT_ITEM_REQUIRED = "设备名称不能为空。"
LEFT_NEEDS_DATE = "标记离场需要离场日期。"

# ---- command-line help -------------------------------------------------------------------
H_DB = "数据库文件路径（默认在用户数据文件夹；也可用环境变量 ONSITEDESK_DB 指定）"
H_DEMO_GUI = "在一个新建的演示数据库上打开程序"
H_VERSION = "显示版本号"
H_JSON = "以 JSON 格式输出结果"
H_CMD_DEMO = "向数据库写入演示数据（医院信息科驻场项目）"
H_CMD_ROSTER = "花名册导入导出"
H_CMD_ROSTER_IMPORT = "从 Excel/CSV 导入花名册（有效行导入，错误行逐行报告）"
H_CMD_ROSTER_EXPORT = "导出花名册到 Excel（证件号、电话脱敏）"
H_FILE = "文件路径"
H_CMD_DB = "数据库维护"
H_CMD_DB_CHECK = "完整性检查"
H_CMD_DB_BACKUP = "立即备份"
H_CMD_DB_RESTORE = "用最近一个完好的备份替换当前数据库（当前文件另存）"
H_CMD_AUDIT = "审计记录"
H_CMD_AUDIT_VERIFY = "校验审计记录的哈希链，发现被改动或删除的记录"
CLI_SUBCOMMAND_REQUIRED = "缺少子命令，可用 -h 查看帮助"
CLI_DEMO_GUI_DB = "演示数据库：{path}"

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

# ---- roster tab --------------------------------------------------------------------------
ROSTER_ADD = "新增人员"
ROSTER_EDIT = "编辑"
ROSTER_MARK_LEFT = "标记离场"
ROSTER_IMPORT = "导入 Excel"
ROSTER_EXPORT = "导出 Excel"
ROSTER_SEARCH = "搜索姓名、工号、考勤号、岗位…"
ROSTER_FILTER_ALL = "全部状态"
ROSTER_FILTER_NOT_LEFT = "未离场"
ROSTER_COUNT = "显示 {shown} / 共 {total} 人"
ROSTER_ATTACHMENTS_COL = "附件"
ROSTER_EMPTY_HINT = "花名册为空：点击“新增人员”，或从 Excel 导入。"
MARK_LEFT_TITLE = "标记离场：{name}"
MARK_LEFT_DATE = "离场日期"
MARK_LEFT_EQUIPMENT_WARN = "{name} 还有 {n} 件设备未归还：{items}。\n仍然标记为已离场吗？"
EXPORT_ROSTER_TITLE = "导出花名册"
EXPORT_ROSTER_NAME = "花名册_{project}_{date}.xlsx"
EXPORT_DONE = "已导出 {n} 人到：\n{path}"
IMPORT_ROSTER_TITLE = "导入花名册"
IMPORT_FILE_FILTER = "表格文件 (*.xlsx *.xls *.csv)"
XLSX_FILTER = "Excel 文件 (*.xlsx)"
IMPORT_READING = "正在读取并检查 {name}…"
IMPORT_WRITING = "正在导入…"
IMPORT_PREVIEW_SUMMARY = "文件 {name}：读取 {read} 行，其中 {valid} 行可以导入，{rejected} 行有问题（将跳过，不会导入）。"
IMPORT_PREVIEW_ALL_BAD = "文件 {name}：读取 {read} 行，全部有问题，没有可导入的行。请修改文件后重新导入。"
IMPORT_PROBLEM_HEADERS = ("行号", "列", "问题")
IMPORT_CONFIRM = "导入 {n} 行"
IMPORT_DONE = "已导入 {imported} 人；跳过 {rejected} 行有问题的数据。"

# ---- person dialog -----------------------------------------------------------------------
PERSON_NEW_TITLE = "新增驻场人员"
PERSON_EDIT_TITLE = "编辑：{name}（{no}）"
PERSON_TAB_BASIC = "基本信息"
PERSON_TAB_COMPLIANCE = "保密与培训"
PERSON_TAB_EQUIPMENT = "设备"
PERSON_TAB_ATTACHMENTS = "资质证书与简历"
PERSON_SAVE_FIRST = "请先保存人员信息，再添加设备和附件。"
FIELD_NOTE = "备注"
NDA_SIGNED = "已签署保密协议"
NDA_DATE = "签署日期"
TRAINING_DONE = "已完成入场培训"
TRAINING_DATE = "培训日期"
DATE_EMPTY = "（未填）"
EQUIPMENT_HEADERS = ("设备", "资产编号", "发放日期", "归还日期", "备注")
EQUIPMENT_ADD = "登记发放"
EQUIPMENT_RETURN = "登记归还"
EQUIPMENT_REMOVE = "删除记录"
EQUIPMENT_ITEM = "设备名称"
EQUIPMENT_ASSET = "资产编号"
EQUIPMENT_ISSUED = "发放日期"
EQUIPMENT_NOT_RETURNED = "未归还"
ATTACHMENT_HEADERS = ("类别", "名称", "原文件名", "添加时间")
ATTACHMENT_ADD = "添加文件…"
ATTACHMENT_OPEN = "打开"
ATTACHMENT_REMOVE = "移除"
ATTACHMENT_KIND = "类别"
ATTACHMENT_PICK = "选择附件文件"
ATTACHMENT_FILTER = "常见文件 (*.pdf *.jpg *.jpeg *.png *.doc *.docx *.xls *.xlsx);;所有文件 (*)"
ATTACHMENT_REMOVE_ASK = "移除附件“{title}”的登记？（文件本身仍保留在数据文件夹中）"
ID_CARD_HINT = "18 位，末位可为 X；列表和导出中会脱敏显示"
SAVE = "保存"
LIST_SEP = "、"

# ---- documents ---------------------------------------------------------------------------
EXCEL_FONT = "宋体"
EXCEL_PAGE_FOOTER = "第 &P 页 / 共 &N 页"
DATE_CN_PATTERN = r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"

# ---- smoke mode and start-up probe -------------------------------------------------------
H_SMOKE = "自检：在临时数据库上打开主窗口、逐个访问标签页、做一次小的导入导出，成功则退出码为 0"
SMOKE_OK = "自检通过：{summary}"
SMOKE_FAILED = "自检失败：{err}"
OPENING_DB = "正在打开数据库…"

# ---- holidays ------------------------------------------------------------------------------
HOLIDAY_KIND_LABELS = {
    "workday": "工作日",
    "rest_day": "休息日",
    "statutory_holiday": "法定节假日",
    "adjusted_workday": "调休上班",
}
HOLIDAY_KIND_ALIASES = {"调休放假": "rest_day", "补假": "rest_day", "放假": "rest_day",
                        "节假日": "statutory_holiday", "上班": "adjusted_workday"}
HOLIDAY_YEAR_STATUS_LABELS = {"confirmed": "已确认", "provisional": "暂估"}
HOLIDAY_FESTIVAL_NAMES = {
    "new_year": "元旦",
    "chuxi": "农历除夕",
    "spring_festival": "春节",
    "qingming": "清明节",
    "labour_day": "劳动节",
    "dragon_boat": "端午节",
    "mid_autumn": "中秋节",
    "national_day": "国庆节",
}
HOLIDAY_CSV_HEADERS = {"日期": "date", "星期": "weekday", "类型": "kind", "名称": "name", "备注": "note"}
HOLIDAY_WEEKDAYS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
HOLIDAY_WEEKDAY_PREFIXES = ("星期", "礼拜", "周")
HOLIDAY_WEEKDAY_CHARS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
HOLIDAY_PROVISIONAL_BANNER = "{year}年放假安排尚未导入，应出勤天数为暂估值"
HOLIDAY_PROVISIONAL_WATERMARK = "暂估"
HOLIDAY_SOURCE_LABELS = {"bundled": "内置数据", "import": "导入：{detail}", "manual": "手工修改：{detail}"}
# import problems: "where" + reason
HOLIDAY_PROBLEM_AT_LINE = "{file} 第 {line} 行：{reason}"
HOLIDAY_PROBLEM_IN_FILE = "{file}：{reason}"
HOLIDAY_E_BAD_DATE = "日期无法识别：{value}（应为 2027-01-01 这样的格式）"
HOLIDAY_E_NO_DATE = "缺少日期"
HOLIDAY_E_UNKNOWN_KIND = "类型无法识别：{value}（应为 statutory_holiday 法定节假日、rest_day 休息日 或 adjusted_workday 调休上班）"
HOLIDAY_E_DUPLICATE = "日期 {date} 与第 {line} 行重复"
HOLIDAY_E_WEEKDAY_MISMATCH = "{date} 是{actual}，但文件中写的是“{given}”"
HOLIDAY_E_NAME_TOO_LONG = "名称太长（最多 {n} 个字）：{value}"
HOLIDAY_E_ADJUSTED_NOT_WEEKEND = "{date}（{weekday}）标为调休上班，但调休上班只能是周六或周日"
HOLIDAY_E_REST_ON_WEEKEND = "{date}（{weekday}）标为休息日，但周六、周日本来就休息，休息日只能标在周一至周五"
HOLIDAY_E_OUTSIDE_YEAR = "日期 {date} 不在文件声明的年份 {year} 年内"
HOLIDAY_E_BAD_OFFDAY = "isOffDay 应为 true 或 false：{value}"
HOLIDAY_E_NO_LUNAR = "无法推算 {year} 年的法定节假日：内置农历数据只覆盖 {first}–{last} 年，请改用 CSV 格式（date,kind,name）导入"
HOLIDAY_E_NO_ROWS = "文件中没有放假安排"
HOLIDAY_E_TOO_FEW_COLUMNS = "至少需要日期、类型两列（date,kind,name）"
HOLIDAY_W_STATUTORY_COUNT = "{year}年共有 {n} 天法定节假日，按国家规定应为 {expected} 天，请核对"
HOLIDAY_W_UNBALANCED = "调休不平衡：工作日放假 {rest} 天，而调休上班 {adjusted} 天、周末遇法定节假日 {weekend} 天（两者之和应等于前者），请核对"
HOLIDAY_W_LONG_STREAK = "{start} 至 {end} 连续上班 {n} 天（超过 {limit} 天），请核对调休上班日期"
HOLIDAY_W_SPILLOVER = "{date} 属于 {year} 年：只更新这一天，不替换 {year} 年的其余安排"
HOLIDAY_FILE_UNREADABLE = "无法读取放假安排文件 {path}：{err}"
HOLIDAY_FILE_BAD_JSON = "{path} 不是有效的 JSON（第 {line} 行）：{err}"
HOLIDAY_FILE_BAD_JSON_SHAPE = "{path} 的格式不对：应为 {{\"year\": 2027, \"days\": [{{\"name\", \"date\", \"isOffDay\"}}, …]}}"
HOLIDAY_IMPORT_REFUSED = "放假安排文件 {file} 有 {n} 处错误，未导入，数据未改动。"
HOLIDAY_BAD_KIND = "{date}：{kind} 不能用于{weekday}"
HOLIDAY_BAD_STATUS = "年份状态应为 confirmed（已确认）或 provisional（暂估）：{value}"
HOLIDAY_BAD_YEAR = "年份超出范围：{value}"
HOLIDAY_BUNDLED_BROKEN = "内置放假数据 {path} 有误：{problems}"
# command line
H_CMD_HOLIDAYS = "节假日与调休安排"
H_CMD_HOLIDAYS_IMPORT = "从 CSV（date,kind,name）或 holiday-cn JSON 导入放假安排（先显示差异，有错误则整体拒绝）"
H_CMD_HOLIDAYS_LIST = "列出某年的放假安排"
H_YEAR = "年份，例如 2027"
CLI_HOLIDAYS_DIFF = "{year}年（{mode}）：新增 {added} 天，修改 {changed} 天，删除 {removed} 天"
CLI_HOLIDAYS_MODE_REPLACE = "整年替换"
CLI_HOLIDAYS_MODE_MERGE = "只更新文件中的日期"
CLI_HOLIDAYS_NO_CHANGE = "{year}年：与现有数据相同，无变化"
CLI_HOLIDAYS_ADDED = "  + {date} {weekday} {kind} {name}"
CLI_HOLIDAYS_CHANGED = "  ~ {date} {weekday} {old_kind} {old_name} → {kind} {name}"
CLI_HOLIDAYS_REMOVED = "  - {date} {weekday} {kind} {name}"
CLI_HOLIDAYS_WARNING = "注意：{text}"
CLI_HOLIDAYS_DONE = "已导入并确认：{years} 年"
CLI_HOLIDAYS_LIST_HEAD = "{year}年放假安排（{status}）：共 {n} 条"
CLI_HOLIDAYS_LIST_ROW = "  {date} {weekday} {kind} {name}"

# ---- attendance: verdicts, leave types, legend --------------------------------------------
VERDICT_LABELS = {
    "present": "正常",
    "late": "迟到",
    "early_leave": "早退",
    "missing_punch": "缺卡",
    "absent": "旷工",
    "leave": "请假",
    "rest_day": "休息日",
    "holiday": "法定节假日",
    "not_on_site": "未在场",
    "pending": "未到时间",
}
LEAVE_TYPE_LABELS = {
    "personal_leave": "事假",
    "sick_leave": "病假",
    "annual_leave": "年假",
    "comp_leave": "调休假",
    "marriage_leave": "婚假",
    "bereavement_leave": "丧假",
    "maternity_leave": "产假",
    "paternity_leave": "陪产假",
    "nursing_leave": "哺乳假",
    "business_trip": "出差",
    "out_of_office": "外出",
}
ABSENT_REASON_LABELS = {
    "no_punch": "无打卡记录且无请假",
    "overstay": "超假不归",
    "proxy_punch": "他人顶替打卡",
    "unauthorized_outing": "违规外出",
}
SESSION_LABELS = {"am": "上午", "pm": "下午", "day": "全天"}
SLOT_LABELS = {"in": "签到", "out": "签退"}
# Default sheet symbols (SPEC P2; RULES-FORMS-TERMS 3.2): editable as settings legend.<code>.
LEGEND_DEFAULT = {
    "present": "√",
    "late": "迟",
    "early_leave": "早",
    "missing_punch": "缺",
    "absent": "旷",
    "holiday": "休",
    "rest_day": "",
    "not_on_site": "",
    "pending": "",
    "adjusted_workday": "班",
    "personal_leave": "事",
    "sick_leave": "病",
    "annual_leave": "年",
    "comp_leave": "调",
    "marriage_leave": "婚",
    "bereavement_leave": "丧",
    "maternity_leave": "产",
    "paternity_leave": "陪",
    "nursing_leave": "哺",
    "business_trip": "差",
    "out_of_office": "外",
    "overtime": "加",
}
LEGEND_ORDER = ("present", "late", "early_leave", "missing_punch", "absent", "personal_leave",
                "sick_leave", "annual_leave", "comp_leave", "marriage_leave", "bereavement_leave",
                "maternity_leave", "paternity_leave", "nursing_leave", "business_trip",
                "out_of_office", "overtime", "holiday")
LEGEND_LABELS = {**VERDICT_LABELS, **LEAVE_TYPE_LABELS, "overtime": "加班",
                 "adjusted_workday": "调休上班"}
LEGEND_FOOTER = "灰底=休息日，红底=法定节假日，“班”=调休上班"
WEEKDAYS_SHORT = ("一", "二", "三", "四", "五", "六", "日")
PROVISIONAL_MARK = "暂估"

# ---- settings ----------------------------------------------------------------------------
SETTING_LABELS = {
    "schedule.am": "上午时段",
    "schedule.pm": "下午时段",
    "rules.late_grace_minutes": "迟到宽限（分钟）",
    "rules.early_grace_minutes": "早退宽限（分钟）",
    "rules.severe_minutes": "严重迟到早退（超过分钟）",
    "rules.day_start": "跨夜打卡归属分界",
    "rules.duplicate_punch_minutes": "重复打卡合并（分钟）",
    "rules.explanation_absences": "缺勤情况说明：缺勤次数超过",
    "rules.explanation_late_minutes": "缺勤情况说明：累计迟到分钟超过",
    "rules.nursing_minutes": "哺乳时间（分钟/天）",
}
SETTING_UNKNOWN = "未知的设置项：{key}。可用的设置项：{keys}"
SETTING_BAD_VALUE = "设置项 {key} 的值无效：{value}（示例：{example}）"
SETTING_BAD_DATE = "生效日期无法识别：{value}（应为 2026-06-01 这样的格式）"
SETTING_SAVED = "已设置 {key} = {value}，自 {date} 起生效。"

# ---- attendance services -----------------------------------------------------------------
MONTH_BAD = "月份格式不对：{value}（应为 2026-03 这样的格式）"
MONTH_LOCKED = "{month} 已锁定（{at} 由 {actor} 锁定），不能修改。如需修改请先重新打开该月并说明原因。"
MONTH_NOT_LOCKED = "{month} 未锁定。"
MONTH_ALREADY_LOCKED = "{month} 已经锁定。"
MONTH_REOPEN_NEEDS_REASON = "重新打开已锁定的月份必须填写原因。"
CORRECTION_NEEDS_REASON = "补卡必须填写原因。"
CORRECTION_NEEDS_APPROVER = "补卡必须填写审批人。"
CORRECTION_BAD_TIME = "补卡时间无法识别：{value}（应为 08:30 这样的格式）"
CORRECTION_BAD_SESSION = "时段应为 am（上午）或 pm（下午）：{value}"
CORRECTION_BAD_SLOT = "补卡类型应为 in（签到）或 out（签退）：{value}"
MANUAL_BAD_KIND = "旷工类型应为 超假不归、他人顶替打卡 或 违规外出：{value}"
REVOKE_NEEDS_REASON = "撤销必须填写原因。"
RECORD_NOT_FOUND = "找不到该记录（编号 {id}）。"
ALREADY_REVOKED = "该记录已经撤销。"
DEMO_CORRECTION_REASON = "考勤机故障，下班未能打卡，经项目经理核实"
H_CMD_SETTINGS = "项目设置（作息时间、迟到早退规则、考勤符号），按生效日期记录"
H_CMD_SETTINGS_SHOW = "显示当前设置及其修改历史"
H_CMD_SETTINGS_SET = "修改设置，例如 settings set schedule.am 08:00-12:00 --from 2026-06-01"
H_SETTING_KEY = "设置项"
H_SETTING_VALUE = "新值"
H_FROM = "生效日期（默认今天）；之前的日期不受影响"
H_CMD_MONTH = "计算并显示某月考勤（应出勤、实出勤、迟到早退、缺卡、旷工…）"
H_MONTH = "月份，例如 2026-03"
H_LOCK = "锁定该月（签字确认后），之后不能再修改"
H_REOPEN = "重新打开已锁定的月份，需说明原因"
CLI_MONTH_HEAD = "{month} 考勤{mark}：{n} 人"
CLI_MONTH_ROW = "  {no} {name}：应出勤 {required} 天，实出勤 {attended} 天，迟到 {late} 次/{late_min} 分，早退 {early} 次/{early_min} 分，缺卡 {missing} 次，旷工 {absent} 天{flag}"
CLI_MONTH_FLAG = "，需提交《缺勤情况说明》"
CLI_MONTH_LOCKED = "已锁定 {month}。"
CLI_MONTH_REOPENED = "已重新打开 {month}。"

# ---- attendance calendar tab -------------------------------------------------------------
TAB_ATTENDANCE = "考勤日历"
MONTH_TITLE = "{year}年{month}月"
MONTH_PREV = "◀ 上月"
MONTH_NEXT = "下月 ▶"
MONTH_THIS = "本月"
ATT_SEARCH = "搜索姓名、工号…"
ATT_ALL_ROLES = "全部岗位"
ATT_ONLY_PROBLEMS = "只看有异常的人"
ATT_COMPUTING = "正在计算 {month} 考勤…"
ATT_LOCK = "锁定本月"
ATT_REOPEN = "重新打开…"
ATT_LOCK_ASK = "锁定 {month} 的考勤？\n锁定后该月的结果固定为当前数据（用于签字确认），补卡、登记旷工等修改都将被拒绝，除非说明原因重新打开。"
ATT_REOPEN_ASK = "请填写重新打开 {month} 的原因（将记入审计记录）："
ATT_LOCKED_BANNER = "🔒 {month} 已锁定（{at}，{actor}）：显示的是锁定时的结果。"
ATT_PROVISIONAL_BANNER = "⚠ {year}年放假安排尚未导入，应出勤天数为暂估值（标“暂估”）。请在“设置 > 节假日”中导入或核对。"
ATT_NEEDS_EXPLANATION = "需提交《缺勤情况说明》"
ATT_SUMMARY_HEADERS = ("应出勤", "实出勤", "迟到\n次/分", "早退\n次/分", "缺卡", "旷工\n天", "请假\n天", "加班\nh")
ATT_NAME_HEADER = "姓名"
ATT_COUNT = "{n} 人 · 需提交缺勤情况说明 {flagged} 人"
ATT_PICK_CELL = "点击表格中的某一天，查看打卡记录和判定依据。"
ATT_ADD_CORRECTION = "补卡…"
ATT_ADD_ABSENCE = "登记旷工…"
ATT_REVOKE = "撤销所选…"
ATT_REVOKE_ASK = "撤销原因（将记入审计记录）："
ATT_REVOKE_PICK = "请先在“补卡与登记”列表中选择要撤销的记录。"
DETAIL_TITLE = "{name}（{no}） {date} {weekday}"
DETAIL_DAY_KIND = "日期类型：{kind}{name}"
DETAIL_SCHEDULE = "作息：上午 {am}，下午 {pm}；迟到宽限 {late} 分钟，早退宽限 {early} 分钟，严重超过 {severe} 分钟"
DETAIL_VERDICT = "{session}：{verdict}"
DETAIL_PUNCHES = "原始打卡记录"
DETAIL_NO_PUNCHES = "（无）"
DETAIL_PUNCH_ROW = "{time}  考勤号 {uid}  {device}  批次 #{batch}（{source}）{reverted}"
DETAIL_PUNCH_REVERTED = "【该批次已撤回，不计入】"
DETAIL_RECORDS = "补卡与登记"
DETAIL_CORRECTION_ROW = "补卡 {session}{slot} {time}：{reason}（审批人 {approver}；{by} {at}）{revoked}"
DETAIL_ABSENCE_ROW = "登记旷工 {session}：{kind} {note}（{by} {at}）{revoked}"
DETAIL_REVOKED = "【已撤销：{reason}】"
WHY_PRESENT = "签到 {sign_in}，签退 {sign_out}"
WHY_LATE = "迟到 {n} 分钟（签到 {sign_in}，应 {start} 前）"
WHY_EARLY = "早退 {n} 分钟（签退 {sign_out}，应 {end} 后）"
WHY_SEVERE = "，严重"
WHY_MISSING_IN = "缺签到卡"
WHY_MISSING_OUT = "缺签退卡"
WHY_CORRECTED = "（含补卡）"
WHY_ABSENT = "旷工：{reason}"
WHY_LEAVE = "请假：{type}"
WHY_NOT_ON_SITE = "不在驻场期内"
WHY_PENDING = "时段尚未结束"
CORRECTION_TITLE = "补卡：{name} {date}"
CORRECTION_SESSION = "时段"
CORRECTION_SLOT = "补签"
CORRECTION_TIME = "时间"
CORRECTION_REASON = "原因"
CORRECTION_APPROVER = "审批人"
ABSENCE_TITLE = "登记旷工：{name} {date}"
ABSENCE_KIND = "情形"
ABSENCE_NOTE = "说明"
TIP_LEAVE_DAYS = "{type} {days} 天"
TIP_EXTRA = "（{items}）"
TIP_SESSION = "{session}：{label}{tail}"
LIST_COMMA = "，"
WEEKDAY_PREFIX = "周"

# ---- rules dialog ------------------------------------------------------------------------
ACT_RULES = "作息与考勤规则…"
RULES_TITLE = "作息与考勤规则"
RULES_TAB_RULES = "作息与规则"
RULES_TAB_LEGEND = "考勤符号"
RULES_TAB_HISTORY = "修改记录"
RULES_FROM = "自此日期起生效"
RULES_FROM_HINT = "修改只影响生效日期及之后的考勤；之前的月份保持原样。"
RULES_NOTHING_CHANGED = "没有修改任何设置。"
RULES_SAVED = "已保存 {n} 项设置，自 {date} 起生效。"
RULES_HISTORY_HEADERS = ("生效日期", "设置项", "值")
RULES_LEGEND_HEADERS = ("含义", "符号")
RULES_TO = "至"

# ---- holiday dialogs -----------------------------------------------------------------------
ACT_HOLIDAYS = "节假日与调休安排…"
HOLIDAY_DIALOG_TITLE = "节假日与调休安排"
HOLIDAY_YEAR_TITLE = "{year}年"
HOLIDAY_YEAR_PREV = "◀"
HOLIDAY_YEAR_NEXT = "▶"
HOLIDAY_YEAR_PREV_TIP = "上一年"
HOLIDAY_YEAR_NEXT_TIP = "下一年"
HOLIDAY_YEAR_THIS = "今年"
HOLIDAY_STATUS = "状态：{status}"
HOLIDAY_STATUS_DETAIL = "状态：{status}（{source}）"
HOLIDAY_STATUS_IMPORTED_AT = "{source}，{at}"
HOLIDAY_MARK_CONFIRMED = "标记为已确认…"
HOLIDAY_MARK_PROVISIONAL = "改回暂估…"
HOLIDAY_MARK_CONFIRMED_ASK = "{year}年的放假安排已与国务院办公厅的放假通知逐日核对无误？\n\n标记为“已确认”后，该年的应出勤天数和期限计算不再标“暂估”。"
HOLIDAY_MARK_PROVISIONAL_ASK = "把{year}年改回“暂估”？\n\n该年的考勤表和期限计算将重新标“暂估”，直到再次确认或导入放假通知。"
HOLIDAY_EDIT_CONFIRMED_ASK = "{year}年的放假安排已确认（{source}）。\n确定要手工修改吗？每次修改都会记入审计记录。"
HOLIDAY_PREFILL = "按国家规定预填法定节假日"
HOLIDAY_PREFILL_TIP = "按《全国年节及纪念日放假办法》和农历推算本年的法定节假日；调休上班和调休放假要等国务院办公厅的通知公布后导入。"
HOLIDAY_PREFILL_HAS_ROWS = "本年已有放假安排，不能预填。"
HOLIDAY_PREFILL_NO_DATA = "内置农历数据不含{year}年，无法推算。"
HOLIDAY_PREFILL_ASK = "按国家规定预填{year}年的 {n} 天法定节假日？\n\n{days}\n\n调休上班和调休放假无法推算，需在通知公布后导入或手工点选；该年仍为“暂估”。"
HOLIDAY_PREFILL_DAY = "{month}月{day}日{name}"
HOLIDAY_PREFILL_DONE = "已预填{year}年的 {n} 天法定节假日（仍为暂估）。"
HOLIDAY_PREFILL_NOTHING = "{year}年已有放假安排或已确认，未预填。"
HOLIDAY_IMPORT_OPEN = "从 U 盘导入放假通知…"
HOLIDAY_BANNER = "⚠ {text}"
HOLIDAY_CLICK_HINT = "点击日期切换类型：工作日 → 休息日 → 法定节假日 → 调休上班（不可能的类型自动跳过）。每次点击立即保存，并记入审计记录。"
HOLIDAY_YEAR_SUMMARY = "{year}年：法定节假日 {statutory} 天 · 工作日放假 {rest} 天 · 调休上班 {adjusted} 天 · 全年工作日 {work} 天"
HOLIDAY_YEAR_SUMMARY_ESTIMATE = "（暂估）"
HOLIDAY_MONTH_TITLE = "{month}月"
HOLIDAY_GRID_WEEKDAYS = ("一", "二", "三", "四", "五", "六", "日")
HOLIDAY_ADJUSTED_MARK = "班"
HOLIDAY_REST_MARK = "休"
HOLIDAY_LEGEND_TODAY = "今天"
HOLIDAY_LEGEND_REST_WEEKDAY = "“休”= 工作日放假（调休放假、补假）"
HOLIDAY_DAY_TIP = "{date} {weekday}：{kind}"
HOLIDAY_DAY_TIP_NAME = "{date} {weekday}：{kind}（{name}）"
HOLIDAY_DAY_TIP_NEXT = "点击改为：{kind}"
# import dialog
HOLIDAY_IMPORT_TITLE = "导入放假安排"
HOLIDAY_IMPORT_PICK = "选择文件…"
HOLIDAY_IMPORT_FILTER = "放假安排 (*.csv *.json);;所有文件 (*)"
HOLIDAY_IMPORT_INTRO = "从 U 盘导入国务院办公厅的放假通知：本程序的 CSV（date,kind,name）或 holiday-cn 的 JSON 文件。导入前会先检查并列出差异，点击“导入”后才写入，整个文件一次写入。"
HOLIDAY_IMPORT_NO_FILE = "尚未选择文件。"
HOLIDAY_IMPORT_READING = "正在读取并检查 {name}…"
HOLIDAY_IMPORT_WRITING = "正在导入放假安排…"
HOLIDAY_IMPORT_FILE = "文件：{path}"
HOLIDAY_IMPORT_HAS_ERRORS = "文件有 {n} 处错误，不能导入，数据不会有任何改动。请修改文件后重新选择。"
HOLIDAY_IMPORT_READY = "检查通过，可以导入。导入后{years}年标记为“已确认”。"
HOLIDAY_IMPORT_READY_WARN = "检查通过，有 {n} 条提醒（不影响导入，请核对）。导入后{years}年标记为“已确认”。"
HOLIDAY_IMPORT_FAILED = "无法读取文件，数据不会有任何改动：\n{err}"
HOLIDAY_IMPORT_BUTTON = "导入 {n} 年"
HOLIDAY_IMPORT_BUTTON_NONE = "导入"
HOLIDAY_IMPORT_DONE = "已导入放假安排：新增 {added} 天，修改 {changed} 天，删除 {removed} 天。\n{years}年已标记为“已确认”。"
HOLIDAY_PROBLEMS_TITLE = "错误与提醒"
HOLIDAY_PROBLEM_HEADERS = ("类别", "文件", "行号", "问题")
HOLIDAY_PROBLEM_ERROR = "错误"
HOLIDAY_PROBLEM_WARNING = "提醒"
HOLIDAY_PROBLEM_WHOLE_FILE = "—"
HOLIDAY_DIFF_TITLE = "与现有数据的差异"
HOLIDAY_DIFF_HEADERS = ("年份", "变化", "日期", "星期", "类型", "名称")
HOLIDAY_DIFF_ADDED = "新增"
HOLIDAY_DIFF_CHANGED = "修改"
HOLIDAY_DIFF_REMOVED = "删除"
HOLIDAY_DIFF_ARROW = "{old} → {new}"
HOLIDAY_DIFF_YEAR = "{year}年（{mode}，原为{status}）：新增 {added} 天，修改 {changed} 天，删除 {removed} 天"
HOLIDAY_DIFF_YEAR_SAME = "{year}年（{mode}，原为{status}）：与现有数据相同"
NURSING_GROUP = "哺乳时间（每天 1 小时，至婴儿满一周岁）"
NURSING_FROM = "开始日期"
NURSING_BIRTH = "婴儿出生日期"
NURSING_ADD = "登记哺乳期"
NURSING_ROW = "{start} 至 {end}（满一周岁前一天）"
NURSING_BAD = "开始日期不能晚于婴儿满一周岁。"

# ---- imports service ---------------------------------------------------------------------
DEVICE_NAME_REQUIRED = "考勤机名称不能为空。"
DEVICE_EXISTS = "已有名为 {name} 的考勤机。"
DEVICE_NOT_FOUND = "找不到名为 {name} 的考勤机。请先用 devices add 添加，或在“导入”页设置。"
DEVICE_BAD_PORT = "端口应为 1–65535：{value}"
DEVICE_NO_HOST = "考勤机 {name} 没有设置 IP 地址。"
BATCH_NOT_FOUND = "找不到导入批次 #{id}。"
BATCH_ALREADY_REVERTED = "导入批次 #{id} 已经撤回。"
BATCH_REVERT_NEEDS_REASON = "撤回导入批次必须填写原因。"
CLEAR_NOT_VERIFIED = "导入核对未通过（读取 {read} 条，库中找到 {found} 条），未清除考勤机记录。"
MAP_NOT_FOUND = "考勤号 {uid} 没有未对应的打卡记录。"
CLI_IMPORT_SUMMARY = "读取 {read} 条，新增 {new} 条，重复 {duplicate} 条，拒绝 {rejected} 条。"
CLI_IMPORT_PROBLEM_LINE = "  第 {line} 行：{reason}"
CLI_IMPORT_PROBLEM_RECORD = "  第 {record} 条记录：{reason}"
CLI_IMPORT_UNMAPPED = "未对应到花名册的考勤号：{ids}（请在花名册中填写考勤号）"
CLI_SYNC_DEVICE = "考勤机 序列号 {serial}，固件 {firmware}，时钟偏差 {drift} 秒"
CLI_DEVICE_ADDED = "已添加考勤机 {name}（{host}:{port}，{protocol}）。"
H_CMD_IMPORT = "导入打卡记录"
H_CMD_IMPORT_USB = "从考勤机 U 盘导出文件（*_attlog.dat）导入"
H_DEVICE_NAME = "考勤机名称（打卡记录属于哪台考勤机）"
H_CMD_SYNC = "通过局域网从考勤机读取打卡记录（可用于 Windows 计划任务）"
H_HOST = "考勤机 IP 地址"
H_PORT = "端口（默认 4370）"
H_PASSWORD = "通讯密码（默认 0）"
H_UDP = "使用 UDP（默认 TCP）"
H_TIMEOUT = "超时秒数（默认 10）"
H_CLEAR = "导入并核对无误后清除考勤机上的记录（默认不清除）"
H_CMD_DEVICES = "考勤机设置"
H_CMD_DEVICES_ADD = "添加考勤机"
H_CMD_DEVICES_LIST = "列出考勤机"
H_ENCODING = "姓名编码（默认 gbk）"

# ---- imports tab -------------------------------------------------------------------------
TAB_IMPORTS = "打卡导入"
IMP_DEVICE = "考勤机"
IMP_NO_DEVICE = "（未指定考勤机）"
IMP_SYNC = "从考勤机读取（局域网）"
IMP_USB = "导入 U 盘文件…"
IMP_DEVICES = "考勤机设置…"
IMP_USB_PICK = "选择考勤机导出的文件"
IMP_USB_FILTER = "考勤记录 (*.dat *.txt);;所有文件 (*)"
IMP_READING_FILE = "正在读取 {name}…"
IMP_SYNCING = "正在从考勤机 {name} 读取…"
IMP_RESULT = "{source}：读取 {read} 条，新增 {new} 条，重复 {duplicate} 条，拒绝 {rejected} 条。"
IMP_RESULT_NONE = "选择考勤机后点“从考勤机读取”，或导入 U 盘上的 *_attlog.dat 文件。重复导入不会产生重复记录。"
IMP_PROBLEMS_HEADERS = ("行/记录", "原因")
IMP_HISTORY = "导入记录"
IMP_HISTORY_HEADERS = ("批次", "时间", "方式", "来源", "考勤机", "读取", "新增", "重复", "拒绝", "状态")
IMP_KIND_LABELS = {"usb": "U 盘", "lan": "局域网", "demo": "演示"}
IMP_REVERTED = "已撤回：{reason}"
IMP_ACTIVE = "有效"
IMP_REVERT = "撤回所选批次…"
IMP_REVERT_ASK = "撤回批次 #{id}？该批次的打卡记录将不再计入考勤（原始记录保留，可审计）。\n请填写原因："
IMP_UNMAPPED = "未对应到花名册的考勤号（打卡记录已保存，对应后即计入考勤）"
IMP_UNMAPPED_HEADERS = ("考勤号", "打卡次数", "最早", "最近", "考勤机上的姓名")
IMP_MAP_TO = "对应到"
IMP_MAP = "设为此人的考勤号"
IMP_MAPPED = "已将考勤号 {uid} 对应到 {name}。"
IMP_DRIFT_ASK = "考勤机时钟与本机相差 {drift} 秒。是否把考勤机时间校准为本机时间？"
IMP_TIME_SET = "已校准考勤机时间。"
DEV_TITLE = "考勤机设置"
DEV_LIST_HEADERS = ("名称", "IP 地址", "端口", "协议", "序列号", "上次读取")
DEV_NAME = "名称"
DEV_HOST = "IP 地址"
DEV_PORT = "端口"
DEV_KEY = "通讯密码"
DEV_PROTOCOL = "协议"
DEV_TIMEOUT = "超时（秒）"
DEV_ENCODING = "姓名编码"
DEV_NEW = "新增"
DEV_SAVE = "保存"

# ---- USB clock files ------------------------------------------------------------------------
# line problems of the clock's USB export (attlog.dat); {value} is the offending value
USB_EMPTY_ID = "考勤号为空"
USB_BAD_ID = "考勤号无效：{value}"
USB_ID_TOO_LONG = "考勤号太长（最多 {n} 位）：{value}"
USB_BAD_DATETIME = "日期时间格式不对：{value}（应为 2024-03-01 08:27:05 这样的格式）"
USB_NO_SUCH_DATETIME = "日期时间不存在：{value}"
USB_YEAR_OUT_OF_RANGE = "日期时间不合理：{value}（考勤机只能记录 {first}–{last} 年）"
USB_YEAR_IMPLAUSIBLE = "日期时间不合理：{value}（比本文件中正常打卡的最晚时间 {newest} 晚一年以上，多为存储器损坏）"
USB_BAD_DEVICE_NO = "机器号无效：{value}"
USB_BAD_STATE = "考勤状态无效：{value}（应为 0–255 的整数）"
USB_BAD_VERIFY = "验证方式无效：{value}（应为 0–255 的整数）"
USB_BAD_WORK_CODE = "工作代码无效：{value}（应为非负整数）"
USB_NUL_BYTES = "行内有 {n} 个空字节（存储器损坏），无法使用：{value}"
USB_BAD_FIELD_COUNT = "无法识别的行：有 {n} 个字段，考勤机导出文件每行应为 5 或 6 个用 Tab 分隔的字段：{value}"
# whole-file errors
USB_LAYOUTS = "考勤机 U 盘导出文件（*_attlog.dat）是每行一条打卡记录、用 Tab 分隔的文本，每行为以下之一：考勤号、日期时间、机器号、考勤状态、验证方式、工作代码（6 个字段）；考勤号、日期时间、机器号、考勤状态、工作代码（5 个字段）；考勤号、姓名、日期时间、机器号、考勤状态（5 个字段）。"
USB_FILE_UNREADABLE = "无法读取考勤机文件 {path}：{err}"
USB_FILE_TOO_BIG = "文件 {path} 太大（{mb} MB），不像考勤机的 U 盘导出文件，请确认选对了文件。"
USB_FILE_EMPTY = "考勤机文件 {path} 是空的，没有任何打卡记录。"
USB_FILE_SPREADSHEET = "{path} 是 Excel 表格或压缩文件，不是考勤机的 U 盘导出文件（*_attlog.dat 文本文件）。" + USB_LAYOUTS
USB_FILE_UNKNOWN_LAYOUT = "{path} 不是考勤机的 U 盘导出文件：没有一行符合已知格式，第 {line} 行是“{value}”。" + USB_LAYOUTS

# ---- LAN clock ----------------------------------------------------------------------------
# progress of a LAN read
CLOCK_STEP_CONNECT = "正在连接考勤机 {addr}…"
CLOCK_STEP_INFO = "正在读取考勤机信息…"
CLOCK_STEP_USERS = "正在读取考勤机上的用户…"
CLOCK_STEP_RECORDS = "正在下载打卡记录…"
CLOCK_STEP_RECORDS_BYTES = "正在下载打卡记录（已接收 {kb} KB）…"
CLOCK_STEP_PARSE = "正在解析打卡记录…"
CLOCK_STEP_DONE = "读取完成：{n} 条打卡记录"
# errors; {addr} is host:port
CLOCK_UNREACHABLE = "无法连接考勤机 {addr}（{detail}）。请检查：考勤机是否开机，网线是否插好，IP 地址和端口（默认 4370）是否填写正确，电脑和考勤机是否在同一网段；也可以在 TCP 和 UDP 之间切换后再试。"
CLOCK_TIMEOUT = "考勤机 {addr} 在 {timeout} 秒内没有应答（{protocol}）。请检查：考勤机是否开机，网线是否插好，IP 地址和端口是否正确，通讯密码是否与考勤机上设置的一致；{hint}"
CLOCK_TIMEOUT_READING = "考勤机 {addr} 在读取数据时超过 {timeout} 秒没有应答（{protocol}），读取未完成，数据未改动。请检查网络后重试；记录很多时可以把超时调大；{hint}"
CLOCK_TIMEOUT_HINT_TCP = "也可以改用 UDP 再试。"
CLOCK_TIMEOUT_HINT_UDP = "UDP 方式连不上时不会有其他提示，也可以改用 TCP 再试。"
CLOCK_AUTH_FAILED = "考勤机 {addr} 拒绝连接：通讯密码不正确。请在考勤机菜单“通讯设置”中查看通讯密码（通讯密钥），在本程序的考勤机设置中填写相同的数字；考勤机未设置通讯密码时填 0。"
CLOCK_PROTOCOL = "考勤机 {addr} 的应答无法识别（{detail}）。请确认这是中控（ZKTeco）考勤机、端口为 4370，并尝试在 TCP 和 UDP 之间切换；仍不行时请改用 U 盘导出。"
CLOCK_CONNECTION_LOST = "与考勤机 {addr} 的连接在通讯过程中断开。请检查网线和网络后重新读取；考勤机上的记录不受影响。"
CLOCK_COMMAND_FAILED = "考勤机 {addr} 未能{action}（考勤机返回错误）。请稍后重试，或直接在考勤机上操作。"
CLOCK_RECORDS_CHANGED = "考勤机 {addr} 上的记录数已变化（导入时 {expected} 条，现在 {actual} 条），可能有人刚刚打卡。为免丢失新的打卡记录，未清除；请重新导入后再清除。"
CLOCK_STILL_DISABLED = "考勤机可能仍处于“工作中”（暂停打卡）状态；如果打卡没有反应，请再连接一次或重启考勤机。"
CLOCK_ACTION_SET_TIME = "校准时间"
CLOCK_ACTION_CLEAR = "清除打卡记录"
CLOCK_DETAIL_REFUSED = "连接被拒绝，该端口没有服务"
CLOCK_DETAIL_BAD_HOST = "找不到这个地址"
CLOCK_DETAIL_OS = "网络错误：{err}"
CLOCK_DETAIL_CONNECT = "连接请求没有被接受"
CLOCK_DETAIL_PACKET = "数据包格式不对"
CLOCK_DETAIL_CHUNK = "数据块读取失败"
CLOCK_DETAIL_BUFFER = "不支持分块读取"
CLOCK_DETAIL_UNKNOWN = "未知应答"
# settings
CLOCK_BAD_HOST = "请填写考勤机的 IP 地址。"
CLOCK_BAD_PORT = "端口应为 1–65535 之间的数字。"
CLOCK_BAD_TIMEOUT = "超时应为 1–300 秒。"
CLOCK_BAD_PASSWORD = "通讯密码应为 0–999999 之间的数字。"
CLOCK_BAD_ENCODING = "不认识的姓名编码：{encoding}。中文考勤机一般为 gbk。"
CLOCK_BAD_TIME = "考勤机只能设置 2000–2099 年之间的时间。"
# the attendance table and its records
CLOCK_TABLE_EMPTY = "考勤机报告有 {n} 条打卡记录，但没有传来任何数据"
CLOCK_TABLE_UNKNOWN = "打卡数据共 {size} 字节，考勤机报告 {n} 条记录，无法判断记录格式"
CLOCK_TABLE_SHORT = "收到的打卡数据不完整：应为 {expected} 字节，实际 {actual} 字节，只导入了完整的记录。请重新读取。"
CLOCK_TABLE_TAIL = "打卡数据末尾有 {n} 个字节不足一条记录，已忽略。"
CLOCK_COUNT_MISMATCH = "考勤机报告有 {reported} 条打卡记录，实际收到 {actual} 条（按每条 {size} 字节解析）。请核对导入结果，必要时重新读取。"
CLOCK_REC_PROBLEM = "考勤号 {user}：{reason}"
CLOCK_REC_BAD_TIME = "打卡时间不存在（原始值 0x{raw:08X}，解码为 {text}），多为考勤机存储器损坏"
CLOCK_REC_BAD_YEAR = "打卡时间超出考勤机能记录的范围（原始值 0x{raw:08X}，解码为 {text}），多为考勤机存储器损坏"
CLOCK_REC_FUTURE = "打卡时间 {text} 晚于考勤机和本机的当前时间，不予导入"
CLOCK_REC_NO_USER = "考勤号为空或无法识别"
SETTING_CONFLICT = "设置 {key} = {value}（自 {date} 起）与之后已生效的其他作息设置冲突（时段顺序不对），未保存。"

# ---- documents (PDF and Excel) -----------------------------------------------------------
DOC_FONT_MISSING = "找不到或无法读取内置字体 {path}：{err}。请重新安装驻场管家。"
DOC_MISSING_GLYPHS = "内置字体中没有以下字符，打印出来会缺字，因此未生成文件 {path}：{chars}。出现在：{where}。请改用常用写法（例如在花名册中修改姓名）后重新生成。"
DOC_SAVE_FAILED = "无法写入文件 {path}：{err}。请确认该文件没有在 PDF 阅读器或 Excel 中打开，并且文件夹可以写入。"
DOC_PAGE_NUMBER = "第 {page} 页 共 {pages} 页"
DOC_LABEL_SEP = "："
DOC_SIGN_LABEL = "签字："
DOC_DATE_LABEL = "日期："
DOC_DATE_UNITS = ("年", "月", "日")
DOC_SEAL = "（盖章）"
DOC_EMPTY = "（无）"
DOC_NO = "序号"
DOC_NO_PEOPLE = "（本月无驻场人员）"
DOC_MONTH_LABEL = "考勤月份"
DOC_PROJECT_LABEL = "项目"
DOC_FILLED_ON = "填表日期"
DOC_LEGEND_TITLE = "考勤符号说明："
DOC_PAREN = "（{text}）"
DOC_WORD_SEP = "，"
DOC_MINUTES = "{n} 分钟"
DOC_LATE_MINUTES = "迟到 {n} 分钟"
DOC_EARLY_MINUTES = "早退 {n} 分钟"
DOC_CORRECTED = "含补卡"
DOC_SESSIONS_RESULT = "上午{am}；下午{pm}"
DOC_HALF_DAY = "半天"
DOC_WHOLE_DAY = "全天"
DOC_SEVERE = "严重"
DOC_VALID = "有效"
DOC_REVOKED = "已撤销（{at}）：{reason}"
DOC_NO_PUNCH = "无打卡记录"
DOC_NEXT_DAY = "次日 {time}"
DOC_BATCH = "#{id} {source}"
DOC_VERIFY_MODES = {0: "密码", 1: "指纹", 2: "刷卡", 3: "密码", 4: "刷卡", 15: "人脸", 25: "掌纹"}
DOC_ABSENT_TOTAL = "{days} 天（{n} 个半天）"
# signing parties
DOC_ROLE_PREPARED_BY = "制表人"
DOC_ROLE_PROJECT_MANAGER = "项目经理（承建单位）"
DOC_ROLE_CLIENT_LEAD = "{client}项目负责人"
DOC_ROLE_SUPERVISOR = "监理单位"
DOC_ROLE_CONTRACTOR = "承建单位"
DOC_ROLE_PERSON_CONFIRM = "本人确认"
DOC_ROLE_CHECKED_BY = "{party}核对"
DOC_ROLE_SUPERVISOR_CHECK = "监理单位核对"
DOC_ROLE_SELF_SIGN = "本人签字："
# monthly attendance sheet (RULES-FORMS-TERMS 3.3)
MONTH_SHEET_TITLE = "{project}驻场人员月度考勤表（{year}年{month}月）"
MONTH_SHEET_PROVISIONAL_SUFFIX = "（暂估）"
MONTH_SHEET_SUBJECT = "驻场人员月度考勤表"
MONTH_SHEET_XLSX_TITLE = "月度考勤表"
MONTH_SHEET_FIXED_HEADERS = ("序号", "姓名", "岗位")
MONTH_SHEET_SUMMARY_HEADERS = (("应出勤", "(天)"), ("实出勤", "(天)"), ("迟到", "次/分"),
                               ("早退", "次/分"), ("缺卡", "(次)"), ("旷工", "(天)"))
MONTH_SHEET_LEAVE_HEADER = "请假（天）"
MONTH_SHEET_OVERTIME_HEADER = ("加班", "(h)")
MONTH_SHEET_PERIOD = "考勤周期"
MONTH_SHEET_PERIOD_VALUE = "{first} 至 {last}"
MONTH_SHEET_REQUIRED = "本月应出勤"
MONTH_SHEET_DAYS = "{n} 天"
MONTH_SHEET_PEOPLE = "人数"
MONTH_SHEET_PEOPLE_VALUE = "{n} 人"
MONTH_SHEET_STATE = "状态"
MONTH_SHEET_LOCKED = "已锁定（{at}，{actor}）"
MONTH_SHEET_UNLOCKED = "未锁定（数据仍可更正）"
MONTH_SHEET_FLAG = "※"
MONTH_SHEET_FLAG_NOTE = "姓名后标“※”者：本月缺勤次数或累计迟到时间超过规定，须附《缺勤情况说明》。"
XLSX_DATE_BLANK = "        年     月     日"
# raw punch record (SPEC A3)
PUNCH_RECORD_TITLE = "驻场人员打卡原始记录"
PUNCH_RECORD_SUBTITLE = "{name}（工号 {no}）  {month}"
PUNCH_RECORD_NOTE = "说明：原始打卡记录按考勤机数据原样保存，不作任何修改或删除；已撤回批次的打卡仍列出但不计入考勤。补卡和登记旷工另表列示，注明原因、审批人、登记人和时间。"
PUNCH_RECORD_CAPTION = "一、原始打卡记录（共 {n} 条，其中已撤回批次 {reverted} 条）"
PUNCH_RECORD_HEADERS = ("日期", "星期", "打卡时间", "考勤号", "考勤机", "验证方式", "导入批次", "说明", "当日考勤结果")
DOC_CORRECTION_CAPTION = "二、补卡记录（共 {n} 条）"
DOC_CORRECTION_HEADERS = ("日期", "时段", "补签", "补卡时间", "原因", "审批人", "登记人", "登记时间", "状态")
DOC_MANUAL_CAPTION = "三、登记旷工（共 {n} 条）"
DOC_MANUAL_HEADERS = ("日期", "时段", "情形", "说明", "登记人", "登记时间", "状态")
# absence explanation (RULES-FORMS-TERMS 4)
ABSENCE_FORM_TITLE = "缺勤情况说明"
ABSENCE_FORM_INTRO = "{name}在{month}的考勤中有以下缺勤情况，按项目考勤管理规定说明如下："
ABSENCE_DETAIL_CAPTION = "一、缺勤明细"
ABSENCE_DETAIL_HEADERS = ("序号", "日期", "星期", "时段", "类型", "时长", "备注")
ABSENCE_TOTAL_CAPTION = "二、本月合计"
ABSENCE_TOTAL_HEADERS = ("迟到\n次数", "迟到\n累计分钟", "早退\n次数", "早退\n累计分钟", "缺卡\n次数", "旷工", "缺勤\n合计次数", "迟到早退\n累计分钟")
ABSENCE_REASON_BOX = "三、情况说明（原因）"
ABSENCE_MEASURES_BOX = "四、整改措施/承诺"
ABSENCE_PM_OPINION = "项目经理意见"
ABSENCE_CLIENT_OPINION = "{client}意见"
# roster PDF
ROSTER_PDF_NOTE = "打印日期：{date}    共 {n} 人    身份证号、电话已按个人信息保护要求脱敏。"

# ---- leave and overtime ------------------------------------------------------------------
LEAVE_STATE_LABELS = {
    "draft": "草稿", "submitted": "已提交", "approved": "已批准", "rejected": "已驳回",
    "returned": "已销假", "cancelled": "已撤销",
}
LEAVE_VIOLATION_LABELS = {
    "late_filing": "未按规定提前申请（1–2 天须提前 1 天，3 天及以上须提前 2 天）",
    "exceeds_max": "事假单次不得超过一个月",
    "deputy_missing": "未指定工作代理人",
    "deputy_is_applicant": "工作代理人不能是申请人本人",
    "deputy_not_on_site": "工作代理人在请假期间不在岗",
    "deputy_on_leave": "工作代理人在同一时间也请假",
    "overlap": "与本人的其他请假时间重叠",
    "attachment_missing": "缺少证明材料（病假须附医院证明）",
    "no_working_days": "所选时间内没有需要请假的工作日",
    "annual_leave_exceeds": "超出年假余额",
    "annual_exceeds_balance": "超出年假余额",
}
LEAVE_BAD_TYPE = "未知的请假类型：{value}。可用：{types}"
LEAVE_BAD_SPAN = "请假结束时间早于开始时间：{start} 至 {end}"
LEAVE_BAD_SESSION = "时段应为 am（上午）或 pm（下午）：{value}"
LEAVE_BAD_DATE = "日期无法识别：{value}（应为 2026-03-10 或 2026-03-10pm 这样的格式）"
LEAVE_BAD_DATETIME = "时间无法识别：{value}（应为 2026-03-09 10:00 这样的格式）"
LEAVE_NOT_FOUND = "找不到请假记录 #{id}。"
LEAVE_BAD_TRANSITION = "请假 #{id} 当前为“{state}”，不能{action}。"
LEAVE_NEEDS_APPROVER = "审批人不能为空。"
LEAVE_NEEDS_REASON = "必须填写原因。"
LEAVE_RETURN_BEFORE_START = "销假日期 {date} 早于请假开始日期 {start}。"
LEAVE_EMERGENCY_NEEDS_CONTACT = "紧急请假须填写已联系何人。"
LEAVE_NOT_EMERGENCY = "请假 #{id} 不是紧急请假，无需补办。"
LEAVE_ACTIONS = {"submit": "提交", "approve": "批准", "reject": "驳回", "return": "销假",
                 "cancel": "撤销", "extend": "续假"}
LEAVE_EMPLOYEE_NOT_FOUND = "花名册中没有工号 {no}。"
OVERTIME_BAD_TIME = "加班时间无法识别：{value}（应为 18:00-20:30 这样的格式）"
OVERTIME_KIND_LABELS = {"voluntary": "自愿加班", "required": "安排加班"}
OVERTIME_NOT_FOUND = "找不到加班申请 #{id}。"
H_CMD_LEAVE = "请假：申请、审批、销假、续假、打印"
H_CMD_LEAVE_ADD = "登记请假申请（自动检查提前申请、代理人、重叠等规定）"
H_CMD_LEAVE_APPROVE = "批准请假"
H_CMD_LEAVE_REJECT = "驳回请假"
H_CMD_LEAVE_RETURN = "销假（登记实际返岗日期；提前返岗则余下天数不计）"
H_CMD_LEAVE_LIST = "列出请假记录"
H_CMD_LEAVE_PDF = "打印《请假申请》PDF"
H_CMD_LEAVE_EXTEND = "续假（需批准；超出已批准日期未返岗按旷工计）"
H_CMD_OVERTIME = "加班：申请与审批"
H_CMD_OVERTIME_ADD = "登记加班申请（按节假日表判断工作日/休息日/法定节假日及倍率）"
H_CMD_OVERTIME_APPROVE = "批准加班"
H_EMP = "工号"
H_TYPE = "请假类型代码，例如 personal_leave（事假）、sick_leave（病假）、annual_leave（年假）"
H_START = "开始，例如 2026-03-10 或 2026-03-10pm"
H_END = "结束，例如 2026-03-11 或 2026-03-11am"
H_FILED_AT = "申请时间，例如 \"2026-03-09 10:00\"（默认现在）"
H_DEPUTY = "工作代理人的工号"
H_EMERGENCY = "紧急请假（事后补办手续）"
H_CONTACTED = "紧急请假：已联系何人"
H_REASON = "事由"
H_BY = "审批人姓名"
H_ROLE = "审批角色：project_manager（项目经理）或 client_dept（甲方部门）"
H_LEAVE_ID = "请假记录编号"
H_DATE = "日期，例如 2026-03-12"
H_OUT = "输出文件路径"
H_OT_TIME = "加班时段，例如 18:00-20:30"
H_OT_KIND = "voluntary（自愿）或 required（安排）"
H_OT_COMP = "休息日加班以调休假补偿（不计加班费）"
H_NOTE = "说明"
CLI_LEAVE_ADDED = "已登记请假 #{id}：{name} {type} {start} 至 {end}，共 {days} 天（{state}）"
CLI_LEAVE_VIOLATION = "  注意：{text}"
CLI_LEAVE_DONE = "请假 #{id}：{state}"
CLI_OVERTIME_ADDED = "已登记加班 #{id}：{name} {day} {start}-{end} 共 {hours} 小时，{kind_label}，倍率 {rate}"
CLI_PDF_DONE = "已生成 {path}"

# ---- leave tab ---------------------------------------------------------------------------
TAB_LEAVE = "请假"
LV_SUB_LEAVE = "请假"
LV_SUB_OVERTIME = "加班"
LV_NEW = "新建请假…"
LV_EMERGENCY = "紧急请假…"
LV_APPROVE = "批准…"
LV_CLIENT_APPROVE = "甲方审批…"
LV_REJECT = "驳回…"
LV_RETURN = "销假…"
LV_EXTEND = "续假…"
LV_CANCEL = "撤销…"
LV_BACKFILE = "补办手续"
LV_PRINT = "打印请假单…"
LV_ALL_STATES = "全部状态"
LV_ALL_TYPES = "全部类型"
LV_ALL_PEOPLE = "全部人员"
LV_ALL_MONTHS = "全部月份"
LV_HEADERS = ("编号", "申请人", "类型", "开始", "结束", "天数", "状态", "代理人", "申请时间", "问题")
LV_FLAG_EMERGENCY = "紧急"
LV_FLAG_BACKFILED = "已补办"
LV_FLAG_TO_BACKFILE = "待补办"
LV_BALANCE = "{name}：{year}年年假 {entitlement} 天，已用 {used:g} 天，剩余 {remaining:g} 天；调休假余额 {comp:g} 天"
LV_DETAIL_NONE = "选择一条请假记录查看详情。"
LV_APPROVER_ASK = "审批人："
LV_OPINION_ASK = "审批意见（可空）："
LV_REJECT_ASK = "驳回原因："
LV_CANCEL_ASK = "撤销原因："
LV_RETURN_ASK = "实际返岗日期"
LV_EXTEND_ASK = "续假至"
LV_DIALOG_TITLE = "请假申请"
LV_DIALOG_EMERGENCY_TITLE = "紧急请假登记"
LV_PERSON = "申请人"
LV_TYPE = "请假类别"
LV_FROM = "自"
LV_TO = "至"
LV_REASON = "请假事由"
LV_DEPUTY = "工作代理人"
LV_CONTACT = "请假期间联系方式"
LV_HANDOVER = "交接事项"
LV_FILED_AT = "申请时间"
LV_IS_EMERGENCY = "紧急请假（事后补办手续）"
LV_CONTACTED = "已联系何人"
LV_CONTACTED_AT = "联系时间"
LV_ATTACHMENT = "证明材料"
LV_ATTACH_PICK = "选择文件…"
LV_OVERRIDE = "违规说明"
LV_OVERRIDE_HINT = "有未满足的规定时须说明原因（会打印在请假单上）"
LV_CHECKS_OK = "✓ 符合请假规定：共 {days:g} 天"
LV_CHECKS_BAD = "共 {days:g} 天。未满足的规定："
LV_NEEDS_OVERRIDE = "有未满足的规定，请在“违规说明”中填写原因后再提交。"
LV_SAVE = "提交"
LV_NONE = "（无）"
OT_NEW = "登记加班…"
OT_APPROVE = "批准加班…"
OT_HEADERS = ("编号", "人员", "日期", "时段", "小时", "类型", "日期类型", "倍率", "调休", "状态")
OT_DIALOG_TITLE = "加班申请"
OT_DAY = "日期"
OT_TIME = "时段"
OT_KIND = "类型"
OT_COMP = "休息日加班以调休假补偿"
OT_APPLIED_AT = "申请时间"
OT_LATE = "事后申请"

# ---- printing from the UI ----------------------------------------------------------------
PRINT_SAVE_TITLE = "保存 {what}"
PRINT_PDF_FILTER = "PDF 文件 (*.pdf)"
PRINT_XLSX_FILTER = "Excel 文件 (*.xlsx)"
PRINT_MAKING = "正在生成 {name}…"
PRINT_DONE = "已生成：{path}"
PRINT_OPEN_FAILED = "已生成 {path}，但无法用系统程序打开，请手动打开该文件。"
DOC_LEAVE_FORM = "请假申请"
DOC_LEAVE_NAME = "请假申请_{name}_{start}_#{id}.pdf"

# ---- leave form (PDF) --------------------------------------------------------------------
LEAVE_FORM_TITLE = "请假申请"
LEAVE_FORM_NO = "编号"
LEAVE_FORM_TYPES_LABEL = "请假类别"
LEAVE_FORM_TICK = "■"
LEAVE_FORM_BOX = "□"
LEAVE_FORM_PERIOD = "请假时间"
LEAVE_FORM_PERIOD_TEXT = "自 {start} 至 {end}，共 {days} 天"
LEAVE_FORM_REASON = "请假事由"
LEAVE_FORM_DEPUTY = "工作代理人（职责承担人）"
LEAVE_FORM_HANDOVER = "交接事项"
LEAVE_FORM_CONTACT = "请假期间联系方式"
LEAVE_FORM_FILED = "申请时间"
LEAVE_FORM_ATTACHMENTS = "附件"
LEAVE_FORM_CHECKS = "提前申请及规定核对"
LEAVE_FORM_CHECK_OK = "符合规定：请假 {days} 天，提前 {ahead} 天申请（须提前 {need} 天）。"
LEAVE_FORM_CHECK_BAD = "未满足：{items}"
LEAVE_FORM_OVERRIDE = "说明：{text}"
LEAVE_FORM_EMERGENCY = "紧急请假：已于 {at} 联系 {whom}；补办手续：{backfiled}"
LEAVE_FORM_NOT_BACKFILED = "尚未补办"
LEAVE_FORM_EXTENSION = "续假：本申请为第 {id} 号请假的续假"
LEAVE_FORM_RETURN = "销假：实际返岗日期 {date}"
LEAVE_FORM_RETURN_BLANK = "销假：实际返岗日期 ____年__月__日    销假人：________    确认人：________"
LEAVE_FORM_PM_OPINION = "项目经理意见"
LEAVE_FORM_CLIENT_OPINION = "{client}（{dept}）意见"
LEAVE_FORM_APPLICANT = "申请人"
LEAVE_FORM_DEPUTY_SIGN = "工作代理人"
LEAVE_FORM_APPROVED_TEXT = "{opinion}（{name}，{at} 已在系统中审批）"
DOC_PERSON_NOT_IN_MONTH = "{name} 在 {month} 不在驻场期内，没有考勤数据。"
DOC_MONTH_SHEET = "月度考勤表"
DOC_MONTH_NAME = "{year}年{month:02d}月_月度考勤表_{project}.{ext}"
DOC_PUNCH_RECORD = "打卡原始记录"
DOC_PUNCH_NAME = "{year}年{month:02d}月_打卡原始记录_{name}.pdf"
DOC_EXPLANATION = "缺勤情况说明"
DOC_EXPLANATION_NAME = "{year}年{month:02d}月_缺勤情况说明_{name}.pdf"
DOC_ROSTER_NAME = "花名册_{project}_{date}.pdf"
H_PDF = "输出 PDF 文件"
H_XLSX = "输出 Excel 文件"
H_CMD_PUNCHES = "打印某人某月的打卡原始记录（含补卡与登记，供技术部/监理核查）"
H_CMD_EXPLANATION = "生成某人某月的《缺勤情况说明》（已预填明细与合计）"
ATT_PRINT = "打印与导出"
ATT_PRINT_MONTH_PDF = "月度考勤表（PDF）…"
ATT_PRINT_MONTH_XLSX = "月度考勤表（Excel）…"
ATT_PRINT_PUNCHES = "所选人员的打卡原始记录…"
ATT_PRINT_EXPLANATION = "所选人员的缺勤情况说明…"
ATT_PICK_PERSON = "请先在表格中点选一个人（或他某一天的格子）。"
ROSTER_EXPORT_PDF = "导出 PDF"

# ---- service log ---------------------------------------------------------------------------
TAB_SERVICE = "运维记录"
SV_TYPE_LABELS = {"fault": "故障处理", "inspection": "巡检", "consult": "咨询", "change": "变更", "other": "其他"}
SV_SOURCE_LABELS = {"phone": "电话", "ticket": "工单", "onsite": "现场"}
SV_RESULT_LABELS = {"resolved": "已解决", "pending": "遗留"}
SV_RATING_LABELS = {"very_satisfied": "非常满意", "satisfied": "满意", "fair": "一般", "dissatisfied": "不满意"}
SV_VERDICT_LABELS = {"met": "达标", "missed": "超时", "undecided": "计时中", "not_measured": "不考核"}
SV_FIELD_LABELS = {
    "service_type": "服务类型", "source": "报修来源", "reporter": "报修人", "reporter_dept": "报修科室",
    "reported_at": "报修时间", "responded_at": "响应时间", "arrived_at": "到场时间", "resolved_at": "解决时间",
    "staff": "服务人员", "head_count": "服务人数", "location": "服务地点", "description": "故障/需求描述",
    "handling": "处理过程", "result": "处理结果", "pending_reason": "遗留原因", "parts_replaced": "更换部件",
    "user_rating": "用户评价", "client_signed": "签字确认", "client_signed_by": "签字人",
    "client_signed_on": "签字日期", "note": "备注", "response_minutes": "响应时限",
    "resolution_minutes": "解决时限", "acceptance_date": "验收日期",
}
SV_PROBLEMS = {
    "bad_type": "服务类型不对：应为 故障处理、巡检、咨询、变更 或 其他。",
    "bad_source": "报修来源不对：应为 电话、工单 或 现场。",
    "bad_result": "处理结果不对：应为 已解决 或 遗留。",
    "bad_rating": "用户评价不对：应为 非常满意、满意、一般 或 不满意。",
    "reporter_missing": "请填写报修人或报修科室。",
    "before_reported": "{field}早于报修时间，请检查日期（跨零点时应为第二天）。",
    "resolved_too_early": "解决时间早于响应时间或到场时间，请检查。",
    "location_missing": "请填写服务地点。",
    "description_missing": "请填写故障/需求描述（服务内容）。",
    "staff_missing": "请至少选择一名服务人员。",
    "staff_duplicate": "服务人员有重复。",
    "head_count_low": "服务人数不能少于所选服务人员的人数。",
    "exit_before_entry": "服务人员出入记录中有离开时间早于进入时间。",
    "resolved_needs_time": "处理结果为“已解决”时必须填写解决时间。",
    "pending_has_time": "已填写解决时间，处理结果应为“已解决”（遗留问题请清空解决时间）。",
    "signed_needs_name": "已签字确认时请填写签字人。",
    "signed_needs_date": "已签字确认时请填写签字日期。",
}
SV_RECORD_NOT_FOUND = "找不到运维记录 {id}。"
SV_EMPLOYEE_NOT_FOUND = "找不到工号为 {no} 的人员。"
SV_BAD_TARGET = "{field}应为 1 到 1440 之间的分钟数，收到：{value}"
SV_BAD_DATETIME = "{field}的格式不对：{value}（应为 2026-11-01 09:15 这样的格式）"
SV_BAD_TIME_INPUT = "{field}的格式不对：{value}。可以写 09:15、0915、+25（报修后 25 分钟）或 2026-11-01 09:15。"
SV_BAD_DATE = "日期格式不对：{value}（应为 2026-11-01 这样的格式）"
SV_REPORT_TOO_LONG = "工作汇报最多 {n} 个字：{name} {day} 的内容过长。"
SV_MINUTES = "{n} 分钟"
SV_NA = "—"
SV_PERCENT = "{value}%"
SV_MEASURE_TEXT = "{minutes} 分钟（承诺 ≤{target} 分钟，{verdict}）"
SV_MEASURE_EMPTY = "未填（承诺 ≤{target} 分钟，{verdict}）"
SV_MEASURE_NOT_MEASURED = "{minutes}（巡检不考核时限）"
SV_ELAPSED = "{h} 小时 {m} 分"
SV_ELAPSED_DAYS = "{d} 天 {h} 小时"
SV_CARRIED = "往月结转"
SV_OVER_MARK = "*"
SV_SIGNED_SHORT = "已签（{name}）"
SV_UNSIGNED = "未签"
# commitments, as shown on screen and on paper
SV_INSPECTION_DONE = "{year}年度免费巡检：已完成（{dates}）"
SV_INSPECTION_DUE = "{year}年度免费巡检：待完成"
SV_INSPECTION_OVERDUE = "{year}年度免费巡检：未完成（已逾期）"
SV_WARRANTY = "质保期：{start} 至 {end}（验收合格之日起三年）"
SV_WARRANTY_LEFT = "，剩余 {days} 天"
SV_WARRANTY_OVER = "，已过质保期"
SV_WARRANTY_UNSET = "质保期：未设置项目验收日期（在“服务承诺设置”中填写）"
SV_SUPPORT_24H_ON = "质保期内提供 24 小时免费技术支持服务"
SV_SUPPORT_24H_OFF = "24 小时免费技术支持：仅在质保期内承诺"
SV_COMMITMENT_LINE = "服务承诺：接到服务要求 {response} 分钟内响应，解决问题时间不超过 {resolution} 分钟；每年免费巡检；质保期内 24 小时免费技术支持。"
# tab
SV_SUB_RECORDS = "运维记录"
SV_SUB_REPORTS = "每日工作汇报"
SV_NEW = "新建记录…"
SV_EDIT = "修改…"
SV_PRINT_RECORD = "打印记录单…"
SV_PRINT_MONTH = "月度运维清单（PDF）…"
SV_SETTINGS = "服务承诺设置…"
SV_ALL_MONTHS = "全部月份"
SV_ALL_TYPES = "全部类型"
SV_ALL_RESULTS = "全部结果"
SV_ALL_STAFF = "全部人员"
SV_HEADERS = ("编号", "类型", "来源", "报修人（科室）", "报修时间", "响应(分)", "解决(分)", "服务人员", "地点", "服务内容", "结果", "签字确认")
SV_PANEL_TITLE = "{year}年{month}月 服务承诺执行情况"
SV_PANEL_TOTAL = "本月报修与服务 {n} 条"
SV_PANEL_RESPONSE = "响应（承诺 {target} 分钟内）"
SV_PANEL_RESOLUTION = "解决（承诺 {target} 分钟内）"
SV_PANEL_STAT = "达标 {met}/{decided}，达标率 {percent}；中位 {median} 分钟，最长 {worst} 分钟"
SV_PANEL_UNDECIDED = "另有 {n} 条计时中"
SV_PANEL_OPEN = "未解决（月末结转下月）：{n} 条"
SV_PANEL_CARRIED = "自往月结转 {n} 条：{items}"
SV_PANEL_NOTE = "达标率 = 达标 ÷（达标 + 超时），四舍五入保留一位小数；恰好等于时限为达标。巡检不考核时限。"
SV_PICK_RECORD = "请先在列表中选择一条运维记录。"
# entry dialog
SV_DIALOG_NEW = "新建运维记录"
SV_DIALOG_EDIT = "修改运维记录 {number}"
SV_TIME_HINT = "未填；可写 09:15、0915、+25 或 2026-11-01 09:15"
SV_NOW = "现在"
SV_STAFF_HEADERS = ("服务人员", "岗位", "进入时间", "离开时间")
SV_STAFF_HINT = "勾选参与服务的人员；进入/离开时间可写 09:15 或 +10。"
SV_CLIENT_SIGNED = "{client}项目负责人已签字确认"
SV_SIGNED_BY = "签字人"
SV_SIGNED_ON = "签字日期"
SV_RATING_NONE = "（未评价）"
SV_SAVE = "保存"
SV_LIVE = "响应：{response}    解决：{resolution}"
SV_LIVE_PENDING = "未填"
# commitments dialog
SV_SETTINGS_TITLE = "服务承诺设置"
SV_SETTINGS_RESPONSE = "响应时限（分钟）"
SV_SETTINGS_RESOLUTION = "解决时限（分钟）"
SV_SETTINGS_FROM = "时限生效日期"
SV_SETTINGS_ACCEPTANCE = "项目验收日期"
SV_SETTINGS_NOTE = "合同承诺：接到服务要求 30 分钟内响应，解决问题时间不超过 2 小时；每年免费巡检；质保期三年，自验收合格之日起计算，质保期内 24 小时免费技术支持。时限的修改只影响生效日期及以后报修的记录。"
# daily report page
SV_REPORT_DAY = "日期"
SV_REPORT_PREV = "◀ 前一天"
SV_REPORT_NEXT = "后一天 ▶"
SV_REPORT_HEADERS = ("工号", "姓名", "岗位", "工作内容")
SV_REPORT_SAVE = "保存当天汇报"
SV_REPORT_SAVED = "已保存 {day} 的工作汇报（{done}/{total} 人已填）。"
SV_REPORT_XLSX = "月度汇报（Excel）…"
SV_REPORT_PDF = "月度汇报（PDF）…"
SV_REPORT_HINT = "每人每天简要写一两句；直接在“工作内容”列输入（Tab/回车到下一人），Ctrl+S 保存。"
SV_REPORT_UNSAVED = "{day} 的汇报有未保存的修改，是否保存？"
SV_REPORT_STATUS = "{day} {weekday}：已填 {done}/{total} 人"
SV_REPORT_NOT_WORKDAY = "（休息日）"
# documents
SV_DOC_RECORD = "运维记录单"
SV_DOC_RECORD_NAME = "运维记录单_{number}.pdf"
SV_DOC_MONTH = "月度运维服务清单"
SV_DOC_MONTH_NAME = "{year}年{month:02d}月_运维服务清单_{project}.pdf"
SV_DOC_REPORTS = "每日工作汇报"
SV_DOC_REPORTS_NAME = "{year}年{month:02d}月_每日工作汇报_{project}.{ext}"
SV_RECORD_TITLE = "运维（服务）记录单"
SV_FORM_NUMBER = "记录编号"
SV_FORM_REPORTER = "报修人及科室"
SV_FORM_START = "服务开始时间"
SV_FORM_END = "服务结束时间"
SV_FORM_STAFF_NAMES = "服务人员姓名"
SV_FORM_HEADCOUNT_VALUE = "{n} 人"
SV_FORM_RESPONSE = "响应用时"
SV_FORM_RESOLUTION = "解决用时"
SV_FORM_STAFF_CAPTION = "服务人员出入记录"
SV_FORM_STAFF_HEADERS = ("序号", "姓名", "工号", "岗位", "进入时间", "离开时间")
SV_FORM_DESCRIPTION = "故障/需求描述（服务内容）"
SV_FORM_HANDLING = "处理过程"
SV_FORM_RESULT_REASON = "（原因：{reason}）"
SV_FORM_RESULT_REASON_BLANK = "（原因：________________）"
SV_FORM_USER_BOX = "用户评价及意见"
SV_FORM_USER_SIGN = "用户（报修人）"
SV_FORM_STAFF_SIGN = "服务人员"
SV_FORM_CLIENT_CONFIRM = "{client}项目负责人签字确认"
SV_FORM_SIGNED_STATUS = "已于 {date} 由 {name} 签字确认"
SV_FORM_UNSIGNED_STATUS = "待{client}项目负责人签字确认"
SV_MONTH_TITLE = "{project}运维服务记录月报（{year}年{month}月）"
SV_MONTH_SUBJECT = "运维服务记录月报"
SV_MONTH_PERIOD = "统计月份"
SV_MONTH_PERIOD_VALUE = "{first} 至 {last}"
SV_MONTH_SUMMARY_CAPTION = "一、服务承诺执行情况"
SV_MONTH_SUMMARY_HEADERS = ("指标", "承诺时限", "已判定", "达标", "超时", "达标率", "中位数(分)", "最长(分)", "计时中")
SV_MONTH_ROW_RESPONSE = "响应时间"
SV_MONTH_ROW_RESOLUTION = "解决时间"
SV_MONTH_TYPES_CAPTION = "二、按服务类型统计"
SV_MONTH_TOTAL = "合计"
SV_MONTH_LIST_CAPTION = "三、运维记录清单（共 {n} 条，其中往月结转 {carried} 条）"
SV_MONTH_LIST_HEADERS = ("编号", "类型", "来源", "报修人/科室", "报修时间", "响应\n(分)", "解决\n(分)", "服务人员", "人数", "地点", "服务内容", "结果", "签字")
SV_MONTH_OPEN_CAPTION = "四、未解决事项（截至 {at}，结转下月，共 {n} 条）"
SV_MONTH_OPEN_HEADERS = ("编号", "报修时间", "报修人/科室", "服务内容", "遗留原因", "已历时")
SV_MONTH_LEGEND = "说明：响应时间=报修至首次响应（响应、到场、解决中最早者）；解决时间=报修至解决；不超过承诺时限即为达标（恰好30分钟达标，31分钟超时）。达标率=达标÷（达标+超时），四舍五入保留一位小数，计时中的记录不计入。巡检不考核时限。“*”=超时；“往月结转”=以前月份报修、本月初仍未解决。"
SV_REPORTS_TITLE = "{project}驻场人员每日工作汇报（{year}年{month}月）"
SV_REPORTS_SUBJECT = "每日工作汇报"
SV_REPORTS_PERSON_CAPTION = "{name}（{role}，工号 {no}）：汇报 {n} 天{missing}"
SV_REPORTS_MISSING = "，未汇报的工作日 {n} 天"
SV_REPORTS_HEADERS = ("日期", "星期", "工作内容")
SV_REPORTS_MISSING_TEXT = "（未汇报）"
SV_REPORTS_NONE = "（本月没有驻场人员）"
SV_REPORTS_XLSX_TITLE = "每日工作汇报"
SV_REPORTS_XLSX_HEADERS = ("日期", "星期", "工号", "姓名", "岗位", "工作内容")
SV_REPORTS_SUBTITLE = "项目名称：{project}    汇报月份：{year}年{month}月    人数：{people} 人    汇报：{n} 条    标“（未汇报）”的是驻场期内未填写汇报的工作日"
# command line
H_CMD_SERVICE = "运维记录：登记、月度清单与服务承诺执行情况、打印记录单"
H_CMD_SERVICE_ADD = "登记一条运维记录"
H_CMD_SERVICE_MONTH = "某月的运维记录与承诺执行情况（--json 输出记录与统计）"
H_CMD_SERVICE_PDF = "打印一条运维（服务）记录单（PDF）"
H_CMD_SERVICE_SET = "设置服务承诺时限与项目验收日期"
H_CMD_REPORT = "每日工作汇报"
H_CMD_REPORT_SET = "填写某人某天的工作汇报（内容为空则删除）"
H_CMD_REPORT_MONTH = "某月的工作汇报（可导出 Excel 或 PDF）"
H_SV_TYPE = "服务类型：fault 故障处理 / inspection 巡检 / consult 咨询 / change 变更 / other 其他"
H_SV_SOURCE = "报修来源：phone 电话 / ticket 工单 / onsite 现场"
H_SV_REPORTER = "报修人"
H_SV_DEPT = "报修科室"
H_SV_AT = "时间，格式 YYYY-MM-DD HH:MM"
H_SV_STAFF = "服务人员工号，多个用逗号分隔"
H_SV_HEADCOUNT = "服务人数（默认为服务人员人数）"
H_SV_LOCATION = "服务地点"
H_SV_CONTENT = "服务内容（故障/需求描述）"
H_SV_HANDLING = "处理过程"
H_SV_RESULT = "处理结果：resolved 已解决 / pending 遗留（默认：填了解决时间即为已解决）"
H_SV_REASON = "遗留原因"
H_SV_PARTS = "更换部件"
H_SV_ID = "记录 id 或编号（如 YW-2026-11-001）"
H_SV_RESPONSE = "响应时限（分钟，合同为 30）"
H_SV_RESOLUTION = "解决时限（分钟，合同为 120）"
H_SV_ACCEPTANCE = "项目验收日期 YYYY-MM-DD（质保期三年自此起算）"
H_SV_MONTH = "月份，格式 YYYY-MM"
H_REPORT_TEXT = "汇报内容"
CLI_SV_ADDED = "已登记 {number}：{type}，报修 {reported}；响应 {response}；解决 {resolution}。"
CLI_SV_MONTH_HEAD = "{year}年{month}月：共 {total} 条；响应达标 {rmet}/{rdecided}（{rpercent}）；解决达标 {smet}/{sdecided}（{spercent}）；月末未解决 {open} 条。"
CLI_SV_MONTH_ROW = "{number}\t{type}\t{reported}\t响应 {response}\t解决 {resolution}\t{result}{carried}"
CLI_SV_SET = "已保存服务承诺：响应 {response} 分钟、解决 {resolution} 分钟（自 {date} 起）。"
CLI_SV_ACCEPTANCE = "已保存项目验收日期 {date}，质保期至 {end}。"
CLI_SV_NOTHING = "没有要保存的设置（可用 --response、--resolution、--acceptance）。"
CLI_REPORT_SAVED = "已保存 {name} {day} 的工作汇报。"
CLI_REPORT_MONTH = "{year}年{month}月：{people} 人，汇报 {n} 条。"
CLI_REPORT_ROW = "{day}\t{name}\t{text}"
CLI_SV_FILE_DONE = "已生成：{path}"
SV_DATE_LONG = "{y}年{m}月{d}日"
SV_DATETIME_LONG = "{y}年{m}月{d}日 {hm}"
SV_REPORTS_MONTH_LABEL = "汇报月份"
SV_REPORTS_PERIOD_VALUE = "{year}年{month}月（工作日 {n} 天）"
SV_FORM_PARTS_NONE = "无"
# demo site: (month -1 previous / 0 current / None: working days before today, working day
# index (or "end": the last calendar day), time, type, source,
# reporter, dept, responded +min, arrived +min, resolved +min, staff, location, content,
# handling, parts, rating, pending reason)
SV_DEMO_RECORDS = (
    (-1, 0, "08:42", "fault", "phone", "刘医生", "内科门诊", 6, 12, 48, "HX1004", "门诊二楼内科3诊室", "HIS 工作站蓝屏，无法开具处方", "内存条松动导致蓝屏；重新插拔内存并清灰，内存检测通过，HIS 登录正常", "", "satisfied", ""),
    (-1, 1, "10:05", "fault", "phone", "王老师", "检验科", 5, 15, 25, "HX1002", "检验科报告发放窗口", "打印机卡纸，检验报告无法打印", "取出卡纸，清洁搓纸轮，打印测试页正常", "", "very_satisfied", ""),
    (-1, 2, "14:20", "consult", "phone", "赵医生", "心内科", 2, None, 15, "HX1004", "心内科医生办公室", "咨询电子病历模板如何导入科室模板库", "电话指导在模板管理中导入并设为科室共享", "", "satisfied", ""),
    (-1, 3, "09:10", "inspection", "onsite", "", "信息科", None, 0, 180, "HX1003,HX1007", "信息中心机房", "年度免费巡检：机房 UPS、精密空调、核心交换机、服务器及存储运行状态", "UPS 电池组电压正常；空调温度 22℃、湿度 45%；核心交换机 CPU 18%；服务器与存储无告警；巡检表已填写", "", "", ""),
    (-1, 4, "11:30", "fault", "phone", "张护士长", "住院部三病区", 3, 10, 95, "HX1003,HX1002", "住院部3楼护士站", "三病区网络中断，护士站电脑无法登录 HIS", "楼层接入交换机上联端口故障，改接备用端口并更换跳线，全病区恢复", "超五类跳线 2 根", "satisfied", ""),
    (-1, 6, "08:15", "fault", "ticket", "孙主任", "放射科", 25, 40, 110, "HX1003", "放射科阅片室", "PACS 影像调阅缓慢，单幅影像打开超过 20 秒", "存储链路端口协商为百兆，调整交换机端口为千兆全双工后恢复", "", "satisfied", ""),
    (-1, 7, "09:40", "fault", "phone", "周会计", "收费处", 4, 9, 150, "HX1005,HX1006", "门诊一楼收费处", "医保结算接口报错，收费窗口无法结算", "医保前置机证书过期；联系医保中心更新证书并重启前置服务，结算恢复", "", "fair", ""),
    (-1, 9, "15:05", "change", "ticket", "钱干事", "医务科", 20, None, 60, "HX1005", "医务科", "新入职医生 3 名开通 HIS、电子病历账号及处方权限", "按医务科审批单开通账号、分配角色并告知初始密码", "", "very_satisfied", ""),
    (-1, 10, "07:55", "fault", "phone", "吴护士", "门诊部", 35, 45, 70, "HX1002", "门诊大厅自助机区", "3 号自助挂号机卡纸、无法出票", "清理热敏打印机卡纸，更换纸卷并校准出纸传感器", "", "satisfied", ""),
    (-1, 12, "13:50", "fault", "phone", "陈护士", "住院部五病区", 8, 18, 90, "HX1007", "住院部5楼护士站", "护士站电脑无法开机", "电源适配器损坏，更换后开机正常，数据无损", "电源适配器 1 个", "satisfied", ""),
    (-1, 14, "10:20", "fault", "ticket", "黄主任", "门诊部", 10, 20, 55, "HX1007", "门诊二楼候诊区", "门诊叫号屏黑屏", "叫号屏 HDMI 线接触不良，更换线缆并重启叫号客户端", "HDMI 线 1 根", "satisfied", ""),
    (-1, 16, "16:10", "fault", "phone", "马医生", "手术麻醉科", 12, 20, 100, "HX1005,HX1006", "手术室麻醉工作站", "麻醉系统与 HIS 医嘱数据不同步", "接口服务消息队列积压，清理异常消息并重启接口服务，补传当日医嘱", "", "satisfied", ""),
    (-1, -1, "16:40", "fault", "phone", "郑技师", "心电图室", 10, 25, None, "HX1005", "门诊三楼心电图室", "心电图机检查结果无法回传 HIS", "确认为设备厂家接口版本不兼容，临时改为手工上传 PDF 报告", "", "", "等待设备厂家提供接口升级包"),
    (-1, "end", "23:40", "fault", "phone", "值班医生", "急诊科", 12, None, 50, "HX1002", "急诊科诊室", "夜间急诊 HIS 无法登录，提示数据库连接超时", "远程检查为应用服务器连接池耗尽，重启应用服务后恢复；次日排查原因并调整连接池参数", "", "satisfied", ""),
    (0, 0, "09:00", "fault", "phone", "林医生", "儿科门诊", 5, 14, 40, "HX1004", "儿科门诊2诊室", "门诊医生站卡顿，开医嘱时频繁无响应", "清理浏览器缓存及临时文件，关闭多余自启动程序，响应恢复正常", "", "satisfied", ""),
    (0, 1, "10:30", "fault", "phone", "何老师", "检验科", 30, 38, 121, "HX1002,HX1007", "检验科标本接收处", "条码打印机不出纸，标本无法贴码", "打印头老化，更换备用条码打印机并安装驱动，重新设置标签模板", "条码打印机 1 台（备机）", "fair", ""),
    (0, 2, "09:20", "inspection", "onsite", "", "信息科", None, 0, 150, "HX1003,HX1007", "信息中心机房", "月度巡检：机房环境、网络设备、服务器与数据备份检查", "机房温湿度正常；防火墙策略与日志检查无异常；数据库备份恢复校验通过", "", "", ""),
    (0, 3, "14:45", "consult", "phone", "冯主管", "药剂科", 3, None, 20, "HX1005", "药库", "药库管理系统月报导出为 Excel 失败", "指导更换导出模板并分批导出", "", "satisfied", ""),
    (0, 5, "08:35", "fault", "onsite", "韩护士", "住院部七病区", 0, 0, 35, "HX1004", "住院部7楼护士站", "腕带打印机打印内容偏移", "重新校准打印机纸张类型与偏移量", "", "very_satisfied", ""),
    (0, 7, "11:10", "change", "ticket", "钱文博", "信息科", 15, 30, 90, "HX1003", "行政楼四楼会议室", "新增会议室网络点位 4 个并接入办公网", "敷设网线、打模块并配置交换机 VLAN，测试连通", "网络模块 4 个", "satisfied", ""),
    (0, 10, "16:20", "other", "ticket", "杨主任", "病案室", 20, 35, None, "HX1006", "病案室", "病案扫描仪扫描时频繁卡纸", "已清洁进纸辊，问题仍偶发，已报厂家维保", "", "", "等待厂家更换进纸组件"),
    (0, 12, "09:05", "fault", "phone", "刘医生", "内科门诊", 7, 15, 45, "HX1004", "门诊二楼内科3诊室", "读卡器无法读取医保电子凭证", "更新读卡器驱动并重新绑定串口，读卡正常", "", "satisfied", ""),
    (None, 1, "10:15", "fault", "phone", "宋医生", "眼科", 9, 16, 52, "HX1007,HX1004", "眼科门诊", "眼科 OCT 设备工作站无法连接 PACS", "工作站 IP 地址冲突，重新分配地址并登记台账，图像上传正常", "", "satisfied", ""),
)
SV_DEMO_REPORT_TEXTS = (
    "巡查门诊各科室终端运行情况，处理零星报修",
    "整理本周运维记录，更新资产台账",
    "配合厂家完成服务器系统补丁更新",
    "检查数据库备份任务，抽查一份备份做恢复验证",
    "核对核心及楼层交换机配置备份",
    "协助护理部培训新版电子病历护理文书操作",
    "排查住院部无线 AP 信号覆盖情况，记录弱覆盖点位",
    "跟进心电图机接口升级进度，与厂家沟通测试计划",
)
SV_DEMO_PM_REPORTS = ("汇总本周运维情况，与信息科沟通下周工作安排", "检查运维记录单签字情况，督促遗留问题处理进度", "组织班组例会，安排月度巡检与备件采购", "与设备厂家沟通心电图机接口升级方案")
SV_DEMO_SERVED = "处理{location}：{content}"
SV_DEMO_PM_ROLE = "项目经理"
SV_GROUP_CALL = "报修、时间与人员"
SV_GROUP_WORK = "服务内容与结果"

# ---- scores ------------------------------------------------------------------------------
# rule catalogue (code names in app.domain.scoring.DEFAULT_RULES)
SCORE_RULE_LABELS = {
    "late_early": "迟到早退",
    "severe_late_early": "严重迟到早退",
    "unrelated_activity": "工作时间从事与工作无关的活动",
    "property_damage": "损坏或挪用单位财产",
    "waste": "浪费",
    "unrelated_visitors": "接待与业务无关人员",
    "unfriendly": "对来访人员态度不友好",
    "untidy": "工作环境不整洁",
    "browsing_gaming": "浏览无关网站或玩游戏",
    "smoking": "办公室内吸烟",
    "dress_code": "着装不规范",
    "confidentiality_breach": "违反保密规定",
    "gifts_kickbacks": "私自接受礼品或回扣",
}
SCORE_KIND_LABELS = {"deduction": "扣分", "reward": "加分"}
SCORE_SOURCE_LABELS = {"attendance": "考勤", "manual": "登记"}
SCORE_FLAG_DEFAULT = "批评教育"
SCORE_SETTING_LABELS = {"base": "基础分", "threshold": "警示线（低于此分）", "flag_label": "低于警示线的处理"}
SCORE_RULE_ACTIVE = "启用"
SCORE_RULE_INACTIVE = "未启用"
SCORE_RECORDED_BY_SYSTEM = "考勤自动"
SCORE_NOTE_LATE = "{session}迟到 {minutes} 分钟（{time} 签到）"
SCORE_NOTE_EARLY = "{session}早退 {minutes} 分钟（{time} 签退）"
SCORE_OVERRIDDEN = "（分值为手工指定）"
# score service errors
SCORE_RULE_UNKNOWN = "没有代码为“{code}”的考核规则。可用 onsitedesk rules list 查看规则代码。"
SCORE_RULE_BAD_CODE = "规则代码“{code}”不合规：请用 2–40 个小写英文字母、数字或下划线，以字母开头（例如 praise）。"
SCORE_RULE_NEEDS_LABEL = "请填写规则名称。"
SCORE_RULE_BAD_KIND = "规则类型“{kind}”无效：只能是扣分（deduction）或加分（reward）。"
SCORE_RULE_EXISTS = "规则代码“{code}”已存在，请换一个代码，或修改该规则的分值。"
SCORE_RULE_INTO_LOCKED = "{month} 的考勤已锁定（已签字确认），不能从 {date} 起修改考核规则或设置：请选择锁定月份之后的日期，或先在考勤日历中解锁该月。"
SCORE_RULE_IS_ATTENDANCE = "“{label}”由考勤结果自动生成，不能手工登记；如考勤有误，请在考勤日历中补卡或更正。"
SCORE_RULE_NOT_IN_FORCE = "规则“{label}”在 {date} 未启用（尚未设置分值或已停用），请先在“规则与分值”中设置。"
SCORE_REWARD_NEGATIVE = "分值：加分规则的分值不能为负数（{points}）。"
SCORE_SETTING_UNKNOWN = "未知的考核设置“{key}”。可用：{keys}。"
SCORE_SETTING_BAD = "{key}的值“{value}”无效：请填写不小于 0 的整数。"
SCORE_WAIVE_NEEDS_REASON = "免除原因：免除扣分必须填写原因。"
SCORE_UNWAIVE_NEEDS_REASON = "撤销原因：撤销免除必须填写原因。"
SCORE_ALREADY_WAIVED = "记录 {id} 已经免除。"
SCORE_NOT_WAIVED = "记录 {id} 没有免除，无需撤销。"
SCORE_INCIDENT_NOT_FOUND = "找不到扣分记录 {id}（对应的考勤可能已更正）。"
SCORE_PERSON_NOT_IN_MONTH = "人员 #{id} 在 {month} 没有考核数据。"
# score sheet (PDF and Excel)
SCORE_SHEET_TITLE = "{project}驻场人员扣分考核表（{year}年{month}月）"
SCORE_SHEET_SUBJECT = "驻场人员扣分考核表"
SCORE_MONTH_LABEL = "考核月份"
SCORE_BASE_LABEL = "基础分"
SCORE_THRESHOLD_LABEL = "警示线"
SCORE_THRESHOLD_TEXT = "低于 {threshold} 分：{label}"
SCORE_NO_THRESHOLD = "未设警示线"
SCORE_STATE_LOCKED = "考勤已锁定（已签字确认）"
SCORE_TOTAL_CAPTION = "一、考核汇总"
SCORE_TOTAL_HEADERS = ("排名", "工号", "姓名", "岗位", "基础分", "扣分次数", "扣分", "加分", "得分", "考核结果", "备注")
SCORE_WAIVED_COUNT = "另有 {n} 条已免除"
SCORE_DETAIL_CAPTION = "二、扣分明细（按人员）"
SCORE_PERSON_CAPTION = "{name}（工号 {no}）  得分 {score}  排名 {rank}"
SCORE_DETAIL_HEADERS = ("序号", "日期", "星期", "时间", "规则", "分值", "来源", "说明", "记录人", "状态")
SCORE_XLSX_DETAIL_HEADERS = ("工号", "姓名", "日期", "星期", "时间", "规则", "分值", "来源", "说明", "记录人", "状态")
SCORE_STATUS_COUNTED = "计入"
SCORE_STATUS_WAIVED = "已免除：{reason}"
SCORE_STATUS_NOT_IN_FORCE = "规则未启用，不计分"
SCORE_NO_INCIDENTS = "（本月无记录）"
SCORE_NO_INCIDENTS_FOR = "本月无扣分记录的人员：{names}。"
SCORE_SHEET_LEGEND = "说明：得分 = 基础分 {base} − 扣分 + 加分；警示线：{threshold}。来源为“考勤”的记录由考勤结果自动生成，每迟到或早退一次记一条（严重迟到早退只按严重一条计）；已免除的记录仍列出（灰色，注明原因），不计分。"
SCORE_XLSX_TOTALS = "扣分考核表"
SCORE_XLSX_DETAILS = "扣分明细"
SCORE_PERSON_TITLE = "驻场人员扣分明细"
SCORE_PERSON_SUBTITLE = "{name}（工号 {no}）  {month}"
SCORE_DEDUCTIONS_LABEL = "扣分"
SCORE_REWARDS_LABEL = "加分"
SCORE_SCORE_LABEL = "得分"
SCORE_RANK_LABEL = "排名"
SCORE_RANK_VALUE = "第 {rank} 名（共 {n} 人）"
SCORE_RESULT_LABEL = "考核结果"
SCORE_RESULT_OK = "合格"
# command line
H_CMD_SCORES = "某月扣分考核：每人基础分、扣分、加分、得分、排名和明细（可输出 PDF/Excel）"
H_SCORE_NOW = "按此时刻计算（尚未结束的时段不计），默认当前时间"
H_CMD_INCIDENT = "扣分记录：登记、免除"
H_CMD_INCIDENT_ADD = "登记一条扣分（或加分）记录"
H_CMD_INCIDENT_WAIVE = "免除一条扣分记录（须填写原因，记录仍保留）"
H_SCORE_RULE = "规则代码（onsitedesk rules list 可查）"
H_SCORE_AT = "发生时间，例如 \"2026-11-03 10:20\""
H_SCORE_POINTS_OVERRIDE = "手工指定分值（默认取当天生效的规则分值）"
H_SCORE_INCIDENT_ID = "记录编号（手工登记的为数字，考勤生成的为 att-…）"
H_CMD_RULES = "考核规则：查看、修改分值、停用、新增，基础分与警示线"
H_CMD_RULES_LIST = "列出考核规则及其在某日的分值"
H_SCORE_ON = "查看该日生效的分值（默认今天）"
H_CMD_RULES_SET = "从某日起修改规则分值（之前的月份不受影响）"
H_CMD_RULES_RETIRE = "从某日起停用规则"
H_CMD_RULES_ADD = "新增规则（扣分或加分）"
H_SCORE_POINTS = "分值（整数；扣分规则写 5 或 -5 均可）"
H_SCORE_LABEL = "规则名称"
H_SCORE_REWARD = "加分规则（默认为扣分规则）"
H_CMD_RULES_SETTING = "从某日起修改基础分（base）、警示线（threshold）或低于警示线的处理（flag_label）"
H_SCORE_SETTING_KEY = "base、threshold 或 flag_label"
SCORE_CLI_BAD_DATETIME = "时间“{value}”无效，请写成 YYYY-MM-DD HH:MM，例如 2026-11-03 10:20。"
SCORE_CLI_HEAD = "{month} 扣分考核：{n} 人，基础分 {base}"
SCORE_CLI_ROW = "{rank:>3}  {no}  {name}  得分 {score}（扣 {deductions}，加 {rewards}，计分 {n} 条）{flag}"
SCORE_CLI_FLAG = "  【{label}】"
SCORE_CLI_ADDED = "已登记记录 {id}：{name} {at} {label} {points:+d} 分"
SCORE_CLI_WAIVED = "已免除记录 {id}（记录保留，不计分）。"
SCORE_CLI_RULE_SET = "“{label}”自 {date} 起为 {points:+d} 分。"
SCORE_CLI_RULE_RETIRED = "“{label}”自 {date} 起停用。"
# demo incidents
SCORE_DEMO_UNTIDY = "工位物品及桌椅摆放杂乱，经提醒未整理"
SCORE_DEMO_BROWSING = "工作时间浏览购物网站"
SCORE_DEMO_UNFRIENDLY = "来访人员反映答复不耐烦"
SCORE_DEMO_WAIVE_REASON = "经核实为误会，来访人员已撤回意见"
# scores tab
TAB_SCORES = "扣分考核"
SC_COMPUTING = "正在计算 {month} 扣分考核…"
SC_ONLY_FLAGGED = "只看低于警示线"
SC_RULES_BUTTON = "规则与分值…"
SC_PRINT_PDF = "扣分考核表（PDF）…"
SC_PRINT_XLSX = "扣分考核表（Excel）…"
SC_PRINT_PERSON = "所选人员的扣分明细（PDF）…"
SC_HEADERS = ("排名", "工号", "姓名", "岗位", "基础分", "扣分", "加分", "得分", "考核结果", "记录")
SC_COUNT_CELL = "{n}（另免除 {waived}）"
SC_COUNT_TIP = "共 {n} 条记录，其中计分 {counted} 条"
SC_SUMMARY = "显示 {n} 人；基础分 {base}；警示线：{threshold}；本月低于警示线 {flagged} 人"
SC_LOCKED_BANNER = "🔒 {month} 考勤已锁定：扣分按锁定时的考勤结果计算，不能再登记或免除。"
SC_INCIDENT_HEADERS = ("日期", "时间", "规则", "分值", "来源", "说明", "记录人", "状态")
SC_STATUS_WAIVED = "已免除：{reason}（{by}）"
SC_PICK_HINT = "在上表中选择一个人，查看其本月的扣分记录。"
SC_PERSON_TITLE = "{name}（{no}）：得分 {score}，排名 {rank}，扣 {deductions} 分，加 {rewards} 分"
SC_WAIVE = "免除…"
SC_UNWAIVE = "撤销免除…"
SC_WAIVE_ASK = "免除 {name} {at} 的“{label}”，原因："
SC_UNWAIVE_ASK = "撤销对 {name} {at}“{label}”的免除，原因："
SC_PICK_INCIDENT = "请先在下表中选择一条记录。"
SC_ENTRY_BOX = "快速登记（回车保存）"
SC_PERSON = "人员"
SC_RULE = "规则"
SC_AT = "时间"
SC_POINTS = "分值"
SC_POINTS_BY_RULE = "按规则"
SC_POINTS_TIP = "默认取当天生效的规则分值；需要时可手工指定"
SC_NOTE = "说明"
SC_NOTE_HINT = "发生了什么（可空）"
SC_SAVE = "登记"
SC_SAVED = "已登记：{name} {label} {points:+d}"
SC_PICK_PERSON = "人员：请选择人员（输入姓名或工号）。"
SC_PICK_RULE = "规则：请选择规则。"
SC_RULE_ITEM = "{label}（{points:+d}）"
SC_SHEET = "扣分考核表"
SC_SHEET_NAME = "{year}年{month:02d}月_扣分考核表_{project}.{ext}"
SC_PERSON_SHEET = "扣分明细"
SC_PERSON_NAME = "{year}年{month:02d}月_扣分明细_{name}.pdf"
# rule catalogue dialog
SC_RULES_TITLE = "考核规则与分值"
SC_RULES_HEADERS = ("规则", "代码", "类型", "分值", "状态", "生效自", "备注")
SC_RULE_AUTO = "由考勤自动生成"
SC_RULES_FROM = "自"
SC_RULES_POINTS = "分值"
SC_RULES_NOTE_HINT = "修改原因（可空）"
SC_RULES_SET = "从该日起采用此分值"
SC_RULES_RETIRE = "从该日起停用"
SC_RULES_RETIRE_ASK = "从 {date} 起停用“{label}”？此前的记录和月份不受影响。"
SC_RULES_HINT = "修改只从所选日期起生效，之前的月份保持原分值；每次修改都记入审计记录。"
SC_RULES_DEFAULT = "默认（管理办法）：{points:+d} 分"
SC_RULES_DEFAULT_UNSET = "管理办法未规定分值：设置分值后启用"
SC_RULES_HISTORY_LINE = "{date} 起：{points} 分，{state}（{by}）{note}"
SC_RULES_NEW = "新增规则"
SC_RULES_CODE = "代码"
SC_RULES_CODE_HINT = "英文代码，如 praise"
SC_RULES_LABEL = "名称"
SC_RULES_KIND = "类型"
SC_RULES_ADD = "新增"
SC_SETTINGS_BOX = "基础分与警示线（自上方所选日期起）"
SC_SETTINGS_SAVE = "保存"
SC_NO_THRESHOLD = "不设警示线"
SC_RULES_SINCE_DEFAULT = "默认"


# ---- change and handover -----------------------------------------------------------------
TAB_HANDOVER = "变更交接"
CH_KIND_LABELS = {
    "leave": "离场", "replace": "更换", "add": "新增", "role_change": "岗位调整",
    "client_demanded": "甲方要求更换",
}
CH_STATE_LABELS = {"planned": "进行中", "done": "已完成", "cancelled": "已撤销"}
CH_REASON_KIND_LABELS = {"personal": "本人原因", "client": "甲方要求", "company": "公司调整"}
CH_STEP_LABELS = {
    "notice": "变动通知", "application": "变更申请", "approval": "审核同意",
    "handover_start": "开始交接", "finish": "交接完成", "replacement": "15个工作日内更换",
}
CH_STATUS_LABELS = {"on_time": "未到期", "due_soon": "即将到期", "overdue": "已逾期", "done": "已完成"}
CH_PROBLEM_LABELS = {
    "leaving_missing": "未指定原人员",
    "joining_missing": "尚未确定接替人员",
    "handover_too_short": "交接期不足10个工作日",
    "handover_starts_late": "交接开始晚于最迟开始日（变更日期前10个工作日）",
    "handover_ends_late": "交接结束不早于变更日期",
    "beyond_replacement_limit": "变更日期超出甲方要求更换的15个工作日期限",
    "no_certificate": "接替人员花名册中没有资质证书附件",
    "no_resume": "接替人员花名册中没有简历附件",
    "no_nda": "接替人员尚未签署保密协议",
}
CH_RETURN_ITEM = "资料、设备、钥匙、门禁卡归还"
CH_RETURN_EQUIPMENT = "归还：{item}"
CH_DEFAULT_ITEMS = (
    ("运维文档：系统/设备清单", ""),
    ("运维文档：网络拓扑", ""),
    ("运维文档：配置与账号清单", "保密，当面移交"),
    ("运维文档：应急预案", ""),
    ("运维情况报告（含未结问题与工单）", ""),
    ("现场培训", "内容/日期/课时："),
    ("资料、设备、钥匙、门禁卡归还", ""),
    ("系统账号与权限回收", ""),
)
CH_ARROW = " → "
CH_NOBODY = "（未指定人员）"
CH_NONE = "（无）"
CH_DASH = "—"
CH_WARNING = "{who}：{step} {due} 截止（{when}）"
CH_WHEN_OVERDUE = "已逾期 {n} 天"
CH_WHEN_TODAY = "今天截止"
CH_WHEN_LEFT = "还有 {n} 个工作日"
CH_STATUS_BAR = "⚠ 变更交接：{n} 项期限临近或已过（逾期 {overdue} 项）。{first}"
# errors (each names its field)
CH_E_NOT_FOUND = "找不到变更记录 #{id}。"
CH_E_ITEM_NOT_FOUND = "找不到交接事项 #{id}。"
CH_E_NOT_PLANNED = "变更 #{id} 当前为“{state}”，不能再修改。"
CH_E_KIND = "变更类型不对：{kind}。可用：{kinds}"
CH_E_LEAVING_REQUIRED = "请选择原人员（离场、更换、岗位调整都需要）。"
CH_E_JOINING_REQUIRED = "新增人员须选择接替（新到岗）人员。"
CH_E_ADD_NO_LEAVING = "新增人员不涉及原人员，请把“原人员”选为（无）。"
CH_E_SAME_PERSON = "接替人员不能与原人员是同一人。"
CH_E_PERSON_LEFT = "{name} 已离场，不能参与新的变更。"
CH_E_DEMAND_REQUIRED = "甲方要求更换须填写甲方提出要求的日期。"
CH_E_DEMAND_AFTER = "甲方提出要求的日期 {demand} 晚于变更日期 {change}。"
CH_E_NEW_ROLE = "岗位调整须填写新岗位。"
CH_E_REASON_KIND = "变更原因类别不对：{value}。可用：{kinds}"
CH_E_APPROVER = "审核人不能为空。"
CH_E_APPROVAL_DATE = "请填写审核日期。"
CH_E_CANCEL_REASON = "撤销变更须填写原因。"
CH_E_HANDOVER_END = "交接结束日期 {end} 早于开始日期 {start}。"
CH_E_NO_HANDOVER = "新增人员没有工作交接。"
CH_E_ITEM_TITLE = "交接事项不能为空。"
CH_E_OPEN_ITEMS = "还有 {n} 项交接事项未完成：{items}。请完成后再结束，或填写“未完成说明”。"
CH_E_DOC_KIND = "表单类型不对：{kind}。可用：{kinds}"
# command line
CH_H_CMD = "人员变更与工作交接：期限计算、登记、列表、打印"
CH_H_PLAN = "按节假日表计算变更的各项期限（变动通知、变更申请、最迟开始交接、15个工作日更换期限）"
CH_H_ADD = "登记一项人员变更（自动生成交接清单）"
CH_H_LIST = "列出人员变更"
CH_H_PDF = "打印变更表单：notice（项目人员变动通知）、application（项目人员变更申请表）、handover（工作交接确认表）"
CH_H_CHANGE_DATE = "变更生效日期（接替人员独立上岗、原人员不再驻场之日），例如 2026-12-21"
CH_H_DEMAND_DATE = "甲方提出更换要求的日期（甲方要求更换时填写）"
CH_H_KIND = "变更类型：leave（离场）、replace（更换）、add（新增）、role_change（岗位调整）、client_demanded（甲方要求更换）"
CH_H_LEAVING = "原人员工号"
CH_H_JOINING = "接替（新到岗）人员工号"
CH_H_NEW_ROLE = "岗位调整后的新岗位"
CH_H_ID = "变更记录编号"
CH_H_PDF_KIND = "表单：notice、application 或 handover"
CH_CLI_BAD_DATE = "{what} 日期无法识别：{value}（应为 2026-12-21 这样的格式）"
CH_CLI_PLAN = "变更日期 {change}：变动通知 {notice} 前；变更申请 {application} 前；最迟 {start} 开始交接{mark}"
CH_CLI_PLAN_REPLACEMENT = "甲方要求更换：须于 {due} 前完成（15个工作日内）"
CH_CLI_ADDED = "已登记变更 #{id}：{kind} {who}，变更日期 {date}"
CH_CLI_ROW = "#{id}\t{kind}\t{who}\t{date}\t{state}\t未完成交接事项 {open}"
# tab
CH_NEW = "新建变更…"
CH_EDIT = "编辑…"
CH_APPROVE = "登记审核…"
CH_HANDOVER = "交接清单…"
CH_BEGIN = "开始交接"
CH_FINISH_BUTTON = "完成变更…"
CH_CANCEL = "撤销…"
CH_PRINT = "打印"
CH_FILTER_OPEN = "进行中"
CH_FILTER_ALL = "全部"
CH_HEADERS = ("编号", "类型", "人员", "变更日期", "下一期限", "状态", "未完成事项")
CH_CHECK_HEADERS = ("完成", "交接事项", "数量/说明", "完成日期", "备注")
CH_TIMELINE_TITLE = "期限（绿色未到期 · 黄色3个工作日内到期 · 红色已逾期 · 灰色已完成）"
CH_CHECKLIST_TITLE = "交接清单"
CH_DETAIL_NONE = "选择一项变更查看期限、审核和交接情况。"
CH_NEXT = "{name} {due} · {status}"
CH_PROBLEMS = "需要注意："
CH_NOT_YET = "尚未审核"
CH_APPROVAL_TEXT = "{name} {on} {opinion}"
CH_HANDOVER_PEOPLE = "移交人 {handed}，接收人 {received}，监交人 {witness}"
CH_CHECKLIST_COUNT = "已完成 {done} / 共 {n} 项"
CH_BEGIN_ASK = "今天（{date}）开始工作交接？\n花名册中 {name} 的状态将改为“交接中”。"
CH_CANCEL_ASK = "撤销原因："
CH_DOC_LABELS = {"notice": "项目人员变动通知", "application": "项目人员变更申请表", "handover": "工作交接确认表"}
CH_DOC_FILE_NAME = "{what}_{who}_#{id}.pdf"
CH_TL_DUE = "截止 {due}"
CH_TL_DONE = "完成 {done}"
CH_TL_LATE = "（逾期）"
CH_TL_CHANGE = "变更生效"
CH_TL_EMPTY = "（未选择变更）"
CH_TL_TIP = "{name}：{due} 截止，{status} {done}"
# dialogs
CH_DLG_NEW = "新建人员变更"
CH_DLG_EDIT = "编辑人员变更 #{id}"
CH_DLG_APPROVAL = "登记审核意见：{who}"
CH_DLG_HANDOVER = "工作交接：{who}"
CH_DLG_FINISH = "完成变更：{who}"
CH_DLG_PREVIEW = "期限：变动通知 {notice} 前送达；变更申请 {application} 前提交；最迟 {start} 开始交接（不少于10个工作日）"
CH_DLG_PREVIEW_REPLACEMENT = "；甲方要求更换须于 {due} 前完成"
CH_DLG_PREVIEW_ESTIMATE = "。（所涉年份放假安排未导入，工作日期限为暂估）"
CH_PERSON_ITEM = "{name}（{no}，{status}）"
CH_JOINING_FACTS = "资质证书：{cert}　简历：{resume}　保密协议：{nda}"
CH_HAVE = "有"
CH_MISSING = "无"
CH_GENDERS = ("男", "女")
CH_EDUCATION_HINT = "例如：本科 / 计算机科学与技术"
CH_CERTS_HINT = "资质证书名称及编号（留空则取花名册中的证书附件）"
CH_F_KIND = "变更类型"
CH_F_LEAVING = "原人员"
CH_F_JOINING = "接替人员"
CH_F_JOINING_FILES = "接替人员材料"
CH_F_JOINING_DETAILS = "接替人员情况"
CH_F_GENDER = "性别"
CH_F_EDUCATION = "学历/专业"
CH_F_YEARS = "工作年限"
CH_F_CERTS = "资质证书"
CH_F_CHANGE_DATE = "变更生效日期"
CH_F_CHANGE_DATE_TIP = "自该日起由接替人员独立上岗、原人员不再驻场；原人员最后在岗日为其前一个工作日。各项期限都从这一天往前算。"
CH_F_DEMAND_DATE = "甲方提出日期"
CH_F_REASON_KIND = "变更原因类别"
CH_F_REASON = "变更原因"
CH_F_PLAN = "接替安排"
CH_F_NEW_ROLE = "新岗位"
CH_F_NOTICE_SENT = "变动通知送达日期"
CH_F_APPLICATION_SENT = "变更申请提交日期"
CH_F_CLIENT_APPROVAL = "{dept}审核"
CH_F_SUPERVISOR_APPROVAL = "监理单位审核"
CH_F_PARTY = "审核单位"
CH_F_APPROVER = "审核人"
CH_F_APPROVED_ON = "审核日期"
CH_F_OPINION = "审核意见"
CH_F_HANDED_BY = "移交人"
CH_F_RECEIVED_BY = "接收人"
CH_F_WITNESSED_BY = "监交人"
CH_F_HANDOVER_PEOPLE = "交接人员"
CH_F_PERIOD = "交接期"
CH_F_CHECKLIST = "交接清单"
CH_F_ASSESSMENT = "现场考核结果"
CH_F_ASSESSED_ON = "考核日期"
CH_F_PROBATION_END = "试用期至"
CH_F_FINISH_ON = "完成日期（原人员最后在岗日）"
CH_F_OVERRIDE = "未完成说明"
CH_DAYS = "共 {n} 个工作日"
CH_DAYS_SHORT = "共 {n} 个工作日（不足10个工作日）"
CH_NEW_ITEM_HINT = "新增交接事项"
CH_NEW_ITEM_DETAIL_HINT = "数量/说明"
CH_ADD_ITEM = "添加事项"
CH_OVERRIDE_HINT = "有未完成的交接事项时须说明原因（会印在交接确认表上）"
CH_FINISH = "完成变更"
CH_FINISH_OPEN = "还有 {n} 项交接事项未完成：{items}"
CH_FINISH_ALL_DONE = "交接清单已全部完成。"
CH_FINISH_EFFECT = "完成后花名册随之更新：原人员改为“已离场”（离场日期为完成日期），接替人员由“待入场”改为“在岗”。"
# forms
CH_DOC_ESTIMATE = "（暂估）"
CH_DOC_TBD = "待定"
CH_DOC_NO = "编号"
CH_DOC_KIND = "变动类型"
CH_DOC_REASON = "变动原因"
CH_DOC_CHANGE_DATE = "计划变动日期"
CH_DOC_PLANNED_LEAVE = "计划离场日期"
CH_DOC_NOTICE_TITLE = "项目人员变动通知"
CH_DOC_NOTICE_DATE = "通知日期"
CH_DOC_TO = "致：{to}"
CH_DOC_TO_DEFAULT = "{dept}、监理单位"
CH_DOC_NOTICE_INTRO = "根据项目驻场人员管理制度，项目人员变动须提前1个月书面通知{dept}和监理单位。现将以下人员变动事项通知如下："
CH_DOC_NOTICE_END = "特此通知。"
CH_DOC_CHANGE_KIND = "变更类型"
CH_DOC_REASON_DETAIL = "原因说明"
CH_DOC_EFFECTIVE = "变更生效日期"
CH_DOC_SUCCESSION = "接替安排"
CH_DOC_SUCCESSOR = "拟接替人 {name}（{role}），预计到岗 {start}"
CH_DOC_NEW_ROLE = "调整后岗位：{role}"
CH_DOC_NO_SUCCESSOR = "不安排接替"
CH_DOC_NOTICE_DUE = "通知期限"
CH_DOC_NOTICE_DUE_TEXT = "变动日期 {change} 前一个月，即 {due} 前送达"
CH_DOC_RECEIPT = "签收"
CH_DOC_RECEIVED_BY = "{party}签收"
CH_DOC_APPLICATION_TITLE = "项目人员变更申请表"
CH_DOC_APPLICATION_DATE = "申请日期"
CH_DOC_ORIGINAL = "一、原人员"
CH_DOC_PROPOSED = "二、拟变更人员"
CH_DOC_CERTIFICATES = "资质证书"
CH_DOC_GENDER = "性别"
CH_DOC_EDUCATION = "学历/专业"
CH_DOC_YEARS = "工作年限"
CH_DOC_CERT_NAMES = "资质证书名称及编号"
CH_DOC_ARRIVAL = "预计到岗日期"
CH_DOC_ATTACHMENTS = "附件"
CH_DOC_ATT_CERT = "资质证书复印件"
CH_DOC_ATT_RESUME = "简历"
CH_DOC_ATT_NDA = "保密协议"
CH_DOC_REASON_KIND = "变更原因"
CH_DOC_HANDOVER_PLAN = "交接计划"
CH_DOC_PLAN = "{start} 至 {end}，共 {n} 个工作日"
CH_DOC_PLAN_SHORT = "（不足10个工作日）"
CH_DOC_PLAN_BLANK = "____年__月__日 至 ____年__月__日，共 ____ 个工作日（不少于10个工作日）"
CH_DOC_APPLICATION_DUE = "申请期限"
CH_DOC_APPLICATION_DUE_TEXT = "变更日期 {change} 前12个工作日，即 {due} 前提交{mark}"
CH_DOC_DEMAND = "甲方要求更换"
CH_DOC_DEMAND_TEXT = "甲方于 {demand} 提出，须于 {due} 前完成更换（15个工作日内）{mark}"
CH_DOC_PROBATION = "试用期"
CH_DOC_PROBATION_TEXT = "接替人员经变更申请审核同意后开始试用，试用期至 {end}。"
CH_DOC_PROMISE = "承诺：拟变更人员的资质、技术能力和工作经验不低于原人员；变更经{dept}和监理单位审核同意后执行，工作交接不少于{n}个工作日。"
CH_DOC_OPINION = "{party}审核意见"
CH_DOC_AGREED = "同意"
CH_DOC_APPROVED_TEXT = "{opinion}（{name}，{on} 已审核）"
CH_DOC_HANDOVER_TITLE = "工作交接确认表"
CH_DOC_HANDED_BY = "移交人"
CH_DOC_RECEIVED_BY_FIELD = "接收人"
CH_DOC_WITNESSED_BY = "监交人"
CH_DOC_PERIOD_LABEL = "交接期"
CH_DOC_PERIOD = "{start} 至 {end}（共 {n} 个工作日）"
CH_DOC_PERIOD_BLANK = "____年__月__日 至 ____年__月__日"
CH_DOC_CHECKLIST_CAPTION = "交接清单"
CH_DOC_CHECKLIST_HEADERS = ("序号", "交接事项", "数量/说明", "完成（√）", "备注")
CH_DOC_CHECK = "√"
CH_DOC_DONE_ON = "{day} 完成"
CH_DOC_ASSESSMENT = "现场考核结果"
CH_DOC_ASSESSED = "{text}（考核日期 {on}）"
CH_DOC_OVERRIDE = "未完成事项说明：{text}"
CH_DOC_HANDOVER_STATEMENT = "上述工作已全部交接清楚，资料、设备及账号权限已移交或收回。自交接完成之日起，相关工作由接收人负责。"
CH_DOC_CLIENT_CONFIRM = "{client}确认"
CH_DEMO = {
    "reason": "本人原因申请离职，已提前一个月书面提出",
    "plan": "由孙嘉怡接替数据库与报表的日常运维工作",
    "gender": "女",
    "education": "本科 / 计算机科学与技术",
    "years": "6年",
    "client_approver": "郑海燕",
    "client_opinion": "同意更换，请按计划完成交接",
}
CH_DEMO_ITEM_NOTES = ("已整理为电子版，存放于运维共享盘", "已更新至11月")
CH_DEMO_EQUIPMENT = (("笔记本电脑", "HX-NB-0106"), ("门禁卡", "MJ-2306"))
CH_DEMO_ATTACHMENTS = (("resume", "简历"), ("certificate", "数据库系统工程师证书（软考中级）"))
LEAVE_TYPE_SETTING_EXAMPLE = "{\"counting\": \"working\", \"attachment_required\": true, \"max_months\": 1}"
RULES_TAB_LEAVE_TYPES = "请假类型"
RULES_LEAVE_HEADERS = ("类型", "计算天数", "须附证明", "单次上限（月，0=不限）")
LEAVE_COUNTING_LABELS = {"working": "按工作日", "calendar": "按自然日"}
IMP_UNMAPPED_MANY = "未对应到花名册的考勤号共 {n} 个：{ids} 等（见右下表，对应后即计入考勤）"

# ---- UI conventions (issue 13): leave actions from the domain, field errors ----
LEAVE_ALREADY_BACKFILED = "请假 #{id} 已补办过手续。"
FIELD_ERROR = "{field}：{message}"
PERSON_LABEL = "{name}（{no}）"
CH_E_HANDOVER_STARTED = "变更 #{id} 的交接已于 {on} 开始。"
