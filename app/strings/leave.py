"""Leave and overtime: states, rule violations, the CLI, the leave tab, the leave form."""

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
OT_REASON = "加班事由"
OT_LATE = "事后申请"
# printing the leave form from the UI
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
LEAVE_FORM_BACKFILED = "已于 {at} 补办"
LEAVE_FORM_TITLE_EMERGENCY = "紧急请假申请"
LEAVE_FORM_CHECK_EMERGENCY = (
    "紧急请假（事后补办手续）：请假 {days} 天，已于 {at} 联系 {whom}，不适用提前申请规定。")
LEAVE_FORM_PERIOD_RETURNED = "自 {start} 至 {end}，批准 {approved} 天，实际 {actual} 天（提前销假 {date}）"
H_CONTACTED_AT = "紧急请假：联系时间，例如 \"2026-03-09 07:30\"（默认申请时间）"
LEAVE_FORM_EXTENSION = "续假：本申请为 {number} 的续假"
LEAVE_FORM_RETURN = "销假：实际返岗日期 {date}"
LEAVE_FORM_RETURN_BLANK = "销假：实际返岗日期 ____年__月__日    销假人：________    确认人：________"
LEAVE_FORM_PM_OPINION = "项目经理意见"
LEAVE_FORM_CLIENT_OPINION = "{client}（{dept}）意见"
LEAVE_FORM_APPLICANT = "申请人"
LEAVE_FORM_DEPUTY_SIGN = "工作代理人"
LEAVE_FORM_APPROVED_TEXT = "{opinion}（{name}，{at} 已在系统中审批）"

# ---- leave types in the rules dialog ------------------------------------------------------
LEAVE_TYPE_SETTING_EXAMPLE = "{\"counting\": \"working\", \"attachment_required\": true, \"max_months\": 1}"
RULES_TAB_LEAVE_TYPES = "请假类型"
RULES_LEAVE_HEADERS = ("类型", "计算天数", "须附证明", "单次上限（月，0=不限）")
LEAVE_COUNTING_LABELS = {"working": "按工作日", "calendar": "按自然日"}

# ---- nursing time (person dialog) -----------------------------------------------------------
NURSING_GROUP = "哺乳时间（每天 1 小时，至婴儿满一周岁）"
NURSING_FROM = "开始日期"
NURSING_BIRTH = "婴儿出生日期"
NURSING_ADD = "登记哺乳期"
NURSING_ROW = "{start} 至 {end}（满一周岁前一天）"
NURSING_BAD = "开始日期不能晚于婴儿满一周岁。"

# ---- UI conventions (issue 13) ----
LEAVE_ALREADY_BACKFILED = "请假 #{id} 已补办过手续。"
LEAVE_FILED_IN_FUTURE = "申请时间 {at} 晚于现在（{now}）：请填写实际提交申请的时间。"
# issue 17: free-text fields named in "contains a control character" messages
LEAVE_TEXT_FIELD_LABELS = {"reason": "请假事由", "contact": "联系方式", "handover_note": "工作交接说明",
                           "contacted_whom": "已联系的人", "override_reason": "例外说明",
                           "overtime_reason": "加班事由"}
