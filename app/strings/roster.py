"""Roster: people, their import/export, validation reasons, the roster tab and person dialog."""

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
# Roster import: the names offices give each field's column (compared after NFKC, without
# spaces, case, a leading/trailing "*", a trailing ":" and trailing "(...)" notes such as
# "(必填)"). "note", "nda" and "training" are import-only fields.
ROSTER_IMPORT_FIELD_LABELS = {
    "employee_no": "工号",
    "name": "姓名",
    "device_user_id": "考勤号",
    "role": "岗位",
    "phone": "电话",
    "id_card_no": "身份证号",
    "start_date": "入场日期",
    "end_date": "离场日期",
    "status": "状态",
    "first_work_date": "参加工作日期",
    "nda": "保密协议",
    "training": "入场培训",
    "note": "备注",
}
ROSTER_HEADER_SYNONYMS = {
    "employee_no": ("工号", "人员编号", "员工编号", "员工工号", "人员工号", "职工编号", "职工号",
                    "员工号", "工作证号"),
    "name": ("姓名", "员工姓名", "人员姓名", "职工姓名", "驻场人员姓名"),
    "device_user_id": ("考勤号", "考勤编号", "考勤id", "考勤卡号", "考勤机编号", "考勤机号",
                       "考勤机用户号", "考勤用户号", "打卡号", "打卡编号", "指纹号", "指纹编号"),
    "role": ("岗位", "职位", "职务", "岗位名称", "职位名称", "工种", "角色"),
    "phone": ("电话", "手机", "手机号", "手机号码", "联系电话", "电话号码", "联系方式",
              "移动电话", "联系手机"),
    "id_card_no": ("身份证号", "身份证", "身份证号码", "证件号码", "证件号", "身份证件号码",
                   "公民身份号码", "身份证编号"),
    "start_date": ("入场日期", "入场时间", "入职日期", "入职时间", "到岗日期", "到岗时间",
                   "进场日期", "进场时间", "驻场日期", "开始日期"),
    "end_date": ("离场日期", "离场时间", "离职日期", "离职时间", "退场日期", "撤场日期",
                 "结束日期"),
    "status": ("状态", "人员状态", "在岗状态", "在职状态"),
    "first_work_date": ("参加工作日期", "参加工作时间", "首次参加工作日期", "工作日期"),
    "nda": ("保密协议", "保密协议签署日期", "签署保密协议", "保密协议签订日期"),
    "training": ("入场培训", "入场培训日期", "培训日期", "安全培训", "入场安全培训"),
    "note": ("备注", "说明"),
}
# Status words offices use, besides the four labels.
STATUS_SYNONYMS = {
    "在职": "active", "在岗": "active", "正常": "active",
    "离职": "left", "已离职": "left", "离场": "left",
    "待入职": "pending", "未入场": "pending", "未到岗": "pending",
    "交接": "handover",
}
YES_WORDS = ("是", "已签", "已签署", "已培训", "已完成", "有", "√", "✓", "y", "yes")
NO_WORDS = ("否", "未签", "未签署", "未培训", "未完成", "无", "×", "n", "no")
R_BAD_YES_NO = "应填“是”“否”或日期：{value}"
R_ID_AS_NUMBER = "身份证号被 Excel 存成了数字，后几位已丢失：{value}（请把该列设为文本后重新填写）"
R_SCI_TRUNCATED = "{value} 是科学计数法，位数已丢失（请把该列设为文本后重新填写）"
ROSTER_COLUMN_UNNAMED = "（第 {col} 列，无表头）"
ROSTER_COLUMN_DUPLICATE = "“{other}”列已导入为{field}，此列不导入"
ROSTER_MAP_BAD = "--map 的格式应为 \"列名=字段\"：{value}"
ROSTER_MAP_UNKNOWN_FIELD = "不认识的字段：{field}（可用：{fields}）"
ROSTER_MAP_UNKNOWN_HEADER = "文件 {path} 的表头中没有“{header}”列。表头为：{headers}"
H_ROSTER_MAP = ("把表头中的一列对应到花名册字段，如 \"人员代码=工号\" 或 \"人员代码=employee_no\"；"
                "\"列名=\" 表示不导入该列。可重复；选择会被记住，下次导入自动使用")
H_CMD_ROSTER_TEMPLATE = "生成花名册导入模板（表头、示例行、岗位和状态下拉选择）"
CLI_ROSTER_TEMPLATE_DONE = "已生成导入模板：{path}"
ROSTER_MAP_METAVAR = "列名=字段"
CLI_ROSTER_PROBLEM_CELL = "  第 {row} 行 [{column}，{cell}]：{reason}"
CLI_ROSTER_COLUMNS = "列对应：{columns}"
CLI_ROSTER_IGNORED = "未导入的列：{columns}"
ROSTER_TEMPLATE_SHEET = "花名册"
ROSTER_TEMPLATE_NAME = "花名册导入模板.xlsx"
ROSTER_TEMPLATE_BUTTON = "导入模板…"
ROSTER_TEMPLATE_TITLE = "保存花名册导入模板"
ROSTER_TEMPLATE_SAVED = "导入模板已保存到：\n{path}\n填好后点击“导入 Excel”。"
ROSTER_TEMPLATE_SAMPLE = {
    "employee_no": "HX1001", "name": "张三", "device_user_id": "1", "phone": "13812345678",
    "id_card_no": "11010519491231002X", "note": "示例行，导入前请删除",
}
ROSTER_TEMPLATE_NOTE = "日期写成 2026-03-01；身份证号、电话请设为文本格式；带 * 的列必填。"
IMPORT_COLUMNS_TITLE = "列对应（每一列导入到哪个字段，可修改；会记住下次使用）"
IMPORT_COLUMNS_HEADERS = ("表中的列", "示例", "导入为")
IMPORT_PROBLEM_CELL = "{column}（{cell}）"
IMPORT_COLUMN_IGNORE = "（不导入）"
IMPORT_MISSING_FIELDS = "请为{fields}选择对应的列，才能导入。"
IMPORT_SHEET = "工作表“{sheet}”，表头在第 {row} 行。"
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
ROSTER_FILE_NO_HEADER = (
    "文件 {path} 的前 10 行中找不到表头（需要有“工号”“姓名”等列；"
    "列名不同时可用 --map \"列名=工号\" 指定，或在“花名册”页导入时选择对应的列）。")
ROSTER_FILE_MISSING_FIELDS = (
    "文件 {path} 的表头（第 {row} 行）中没有{fields}列。表头为：{headers}。"
    "请用 --map \"列名=工号\" 指定对应的列。")
ROSTER_FILE_EMPTY = "文件 {path} 中没有数据行。"
ROSTER_FILE_BAD_TYPE = "不支持的文件类型：{path}（请使用 .xlsx、.xls 或 .csv）"
ROSTER_SAVE_FAILED = "无法写入文件 {path}：{err}"
PERSON_NOT_FOUND = "找不到该人员（编号 {id}）。"
ATTACHMENT_MISSING = "附件文件已不存在：{path}"
ATTACHMENT_AT_SITE = ("附件“{name}”的文件保存在现场的电脑上：现场数据包只带附件的登记信息，"
                      "不带文件（其中常有证件等个人信息）。请到现场查看。")
ATTACHMENT_SOURCE_MISSING = "找不到要添加的文件：{path}"
EQUIPMENT_ITEM_REQUIRED = "设备名称不能为空。"
LEFT_NEEDS_DATE = "标记离场需要离场日期。"

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
# roster tab: print
ROSTER_EXPORT_PDF = "导出 PDF"


# ---- typed helpers ---------------------------------------------------------------------------
def person_label(name: str, employee_no: str) -> str:
    """How a person is named in pickers, lists and details: ``张三（HX1001）``."""
    return f"{name}（{employee_no}）"
# table files measured before they are read (issue 17: zip bombs)
TABLE_FILE_TOO_BIG = "文件 {path} 有 {mb} MB，超过 {limit} MB 的上限，不像花名册表格，已拒绝读取。"
TABLE_FILE_UNPACKS_TOO_BIG = ("文件 {path} 解压后至少有 {mb} MB，超过 {limit} MB 的上限，不像花名册表格"
                              "（可能是损坏或恶意构造的压缩文件），已拒绝读取。")
TABLE_FILE_BAD_ARCHIVE = "文件 {path} 已损坏，无法解压读取：{err}"
# issue 17: rows and sheets an import must not pass over in silence
ROSTER_ROW_FORMULAS_ONLY = "这一行只有公式、没有计算结果（文件保存前未计算），未导入；请在 Excel 中打开并保存后再导入，或把公式改为数值"
ROSTER_HIDDEN_SHEET = "花名册在隐藏的工作表“{sheet}”中，已读取该表"
CLI_ROSTER_SHEET_NOTE = "注意：{note}"
ROSTER_WHOLE_ROW = "整行"
