"""Checks on values a user types or a file brings in (issue 17): ranges, control characters."""

INPUT_DATE_OUT_OF_RANGE = "日期 {value} 超出可用范围（{first}–{last} 年）"
INPUT_FIELD_DATE_OUT_OF_RANGE = "{field}：日期 {value} 超出可用范围（{first}–{last} 年）"
INPUT_ID_OUT_OF_RANGE = "编号应为 1–{last} 的整数：{value}"
INPUT_CONTROL_CHAR = "含有不可见的控制字符（{code}，位于第 {pos} 个字符），请删除后重试"
INPUT_FIELD_CONTROL_CHAR = "{field}含有不可见的控制字符（{code}，位于第 {pos} 个字符），请删除后重试"
INPUT_EMPTY_DATETIME = "时间不能为空（应为 2026-03-09 10:00 这样的格式）"
INPUT_INTEGER_OUT_OF_RANGE = "应为 {first}–{last} 的整数：{value}"
INPUT_MONTH_OUT_OF_RANGE = "月份 {value} 超出可用范围（{first}–{last} 年）"

# Field names in the control-character message ("{field}含有不可见的控制字符…") of texts that
# have no label of their own elsewhere.
INPUT_LABEL_SETTING_VALUE = "设置 {key} 的值"
INPUT_LABEL_DEVICE_NAME = "考勤机名称"
INPUT_LABEL_DEVICE_HOST = "考勤机地址"
INPUT_LABEL_HOLIDAY_NAME = "节假日名称"
INPUT_LABEL_INCIDENT_NOTE = "扣分说明"
INPUT_LABEL_WAIVE_REASON = "免除原因"
INPUT_LABEL_UNWAIVE_REASON = "撤销免除的原因"
INPUT_LABEL_CANCEL_REASON = "撤销变更的原因"
INPUT_LABEL_ITEM_TITLE = "交接事项"
INPUT_LABEL_ITEM_DETAIL = "交接事项说明"
INPUT_LABEL_ITEM_NOTE = "交接事项备注"
