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
# roster tab: print
ROSTER_EXPORT_PDF = "导出 PDF"


# ---- typed helpers ---------------------------------------------------------------------------
def person_label(name: str, employee_no: str) -> str:
    """How a person is named in pickers, lists and details: ``张三（HX1001）``."""
    return f"{name}（{employee_no}）"
