#!/usr/bin/env python3
"""A synthetic national dataset of public-service plans in pubsvc's own format, for benchmarks.

    python bench/generate.py --out DIR [--provinces 31 --cities 333 --counties 2843] [--seed 2021]
                             [--place-names]

Writes, deterministically (the same arguments give byte-identical files):

* ``DIR/plans/<id>.yaml`` — 1 national plan, one plan per province, city and county (ids
  ``national``, ``p01``, ``p01-c003``, ``p01-c003-k0007``; city and county numbers run across the
  country). With ``--place-names`` each file is named by its place (``全国.yaml``, ``省01.yaml``,
  ``市003.yaml``, ``县0007.yaml``) so that no file name is its plan id;
* ``DIR/actuals.csv`` — one long-form table ``plan,indicator,year,value`` of the actual values of
  every plan, 2021–2025;
* ``DIR/manifest.json`` — what a correct checker must find, known by construction: the injected
  findings, the counts, and a sample of plans that must have no PS3xx/PS5xx error or warning.

Only the standard library is used (no YAML library: the files are written as text), so that the
generator runs anywhere. The catalog entries and the service standard it relies on are copied
below from data/standards/ (catalog 2021.1, standard 2021); see bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from fractions import Fraction
from pathlib import Path

#: The catalog entries the generator uses (data/standards/indicators.yaml, catalog 2021.1):
#: id -> (name, category, unit, direction, kind, natural maximum or plausible maximum, else None)
# fmt: off
CATALOG = {
    "childcare_places_per_1000": ("每千人口拥有3岁以下婴幼儿托位数", "幼有所育", "个", "up", "level", None),
    "orphan_support_coverage": ("孤儿和事实无人抚养儿童保障覆盖率", "幼有所育", "%", "up", "rate", 100),
    "preschool_gross_enrolment": ("学前教育毛入园率", "学有所教", "%", "up", "rate", None),
    "compulsory_education_retention": ("九年义务教育巩固率", "学有所教", "%", "up", "rate", None),
    "high_school_gross_enrolment": ("高中阶段教育毛入学率", "学有所教", "%", "up", "rate", None),
    "working_age_schooling_years": ("劳动年龄人口平均受教育年限", "学有所教", "年", "up", "level", None),
    "subsidised_vocational_training": ("参加各类补贴性职业技能培训人数", "劳有所得", "万人次", "up", "cumulative", None),
    "life_expectancy": ("人均预期寿命", "病有所医", "岁", "up", "level", None),
    "physicians_per_1000": ("每千人口拥有执业（助理）医师数", "病有所医", "人", "up", "level", None),
    "nurses_per_1000": ("每千人口拥有注册护士数", "病有所医", "人", "up", "level", None),
    "medical_insurance_coverage": ("基本医疗保险参保率", "病有所医", "%", "up", "rate", 100),
    "nursing_beds_share": ("养老机构护理型床位占比", "老有所养", "%", "up", "rate", 100),
    "new_area_elderly_facility_compliance": ("新建城区、新建居住区配套建设养老服务设施达标率", "老有所养", "%", "up", "rate", 100),
    "pension_insurance_coverage": ("基本养老保险参保率", "老有所养", "%", "up", "rate", 100),
    "elderly_care_beds_total": ("养老服务床位总量", "老有所养", "万张", "up", "count", None),
    "public_rental_housing_coverage": ("城镇户籍低保、低收入家庭申请公租房的保障率", "住有所居", "%", "up", "rate", 100),
    "rural_housing_safety_coverage": ("符合条件的农村低收入群体住房安全保障率", "住有所居", "%", "up", "rate", 100),
    "old_residential_renovation": ("城镇老旧小区改造", "住有所居", "万套", "up", "cumulative", None),
    "disability_subsidy_coverage": ("困难残疾人生活补贴和重度残疾人护理补贴目标人群覆盖率", "弱有所扶", "%", "up", "rate", 100),
    "public_culture_visits_per_10000": ("每万人接受公共文化设施服务次数", "文体服务保障", "万次", "up", "level", None),
    "sports_area_per_capita": ("人均体育场地面积", "文体服务保障", "平方米", "up", "level", None),
    "community_service_area_per_100_households": ("每百户居民拥有社区综合服务设施面积", "文体服务保障", "平方米", "up", "level", None),
    "compulsory_education_balanced_county_share": ("义务教育基本均衡县（市、区）的比例", "学有所教", "%", "up", "rate", 100),
    "urban_new_jobs": ("城镇新增就业人数", "劳有所得", "万人", "up", "cumulative", None),
    "migrant_worker_vocational_training": ("农民工职业技能培训", "劳有所得", "万人次", "up", "cumulative", None),
    "maternal_mortality": ("孕产妇死亡率", "病有所医", "1/10万", "down", "rate", None),
    "infant_mortality": ("婴儿死亡率", "病有所医", "‰", "down", "rate", 1000),
    "under5_mortality": ("5岁以下儿童死亡率", "病有所医", "‰", "down", "rate", 1000),
    "special_hardship_centralised_support_rate": ("生活不能自理特困人员集中供养率", "弱有所扶", "%", "up", "rate", 100),
    "shantytown_renovation": ("城镇棚户区住房改造", "住有所居", "万套", "up", "cumulative", None),
    "rural_dangerous_house_renovation": ("农村危房改造", "住有所居", "万户", "up", "cumulative", None),
    "public_library_visits": ("公共图书馆流通人次", "文体服务保障", "万人", "up", "count", None),
    "radio_tv_coverage": ("广播、电视综合人口覆盖率", "文体服务保障", "%", "up", "rate", 100),
    "national_reading_rate": ("国民综合阅读率", "文体服务保障", "%", "up", "rate", 100),
    "regular_exercise_share": ("经常参加体育锻炼人数比例", "文体服务保障", "%", "up", "rate", 100),
    "regular_exercise_participants": ("经常参加体育锻炼人数", "文体服务保障", "万人", "up", "count", None),
    "disability_rehabilitation_coverage": ("残疾人基本康复服务覆盖率", "弱有所扶", "%", "up", "rate", 100),
    "new_area_elderly_facility_area_per_capita": ("新建城区、居住(小)区人均养老服务设施配建面积", "老有所养", "平方米", "up", "level", None),
    "county_comprehensive_childcare_institutions": ("各县(市、区)托育服务综合机构数", "幼有所育", "所", "up", "level", None),
    "community_inclusive_childcare_coverage": ("配备普惠托育服务设施的社区比例", "幼有所育", "%", "up", "rate", 100),
    "inclusive_kindergarten_coverage": ("普惠性幼儿园覆盖率", "学有所教", "%", "up", "rate", 100),
    "township_public_central_kindergartens": ("每个乡镇公办中心幼儿园数", "学有所教", "所", "up", "level", None),
    "preschool_universal_inclusive_county_share": ("通过国家学前教育普及普惠评估认定的县(市、区)比例", "学有所教", "%", "up", "rate", 100),
    "social_workers_per_100_elderly_care_beds": ("每百张养老机构床位配备社工数", "老有所养", "名", "up", "level", None),
    "township_elderly_care_centre_coverage": ("乡镇(街道)综合养老服务中心覆盖率", "老有所养", "%", "up", "rate", 100),
    "affordable_rental_housing_raised": ("保障性租赁住房筹集套数", "住有所居", "套", "up", "cumulative", None),
    "maternal_child_systematic_management": ("孕产妇及7岁以下儿童系统管理率", "幼有所育", "%", "up", "rate", 100),
    "prenatal_screening_rate": ("孕产妇产前筛查率", "幼有所育", "%", "up", "rate", 100),
    "severe_birth_defect_incidence": ("严重致残致畸的出生缺陷疾病发生率", "幼有所育", "‰", "down", "rate", None),
    "parenting_knowledge_rate": ("婴幼儿家长科学育儿知识普及率", "幼有所育", "%", "up", "rate", 100),
    "affordable_childcare_places_share": ("普惠性托位占比", "幼有所育", "%", "up", "rate", 100),
    "minor_protection_institutions_per_county": ("每个区县（市）未成年人救助保护机构数", "幼有所育", "家", "up", "level", None),
    "quality_balanced_compulsory_education_county_share": ("义务教育优质均衡发展区县（市）比例", "学有所教", "%", "up", "rate", 100),
    "quality_high_school_quota_allocation_share": ("优质示范普通高中学校定向分配比例", "学有所教", "%", "up", "rate", 100),
    "high_skilled_workers": ("高技能人才总量", "劳有所得", "万名", "up", "count", None),
    "vocational_skills_training": ("开展职业技能培训人次", "劳有所得", "万人次", "up", "count", None),
    "county_tertiary_general_hospitals": ("每个区县（市）三级综合医院数", "病有所医", "家", "up", "level", None),
    "county_visit_share": ("县域就诊率", "病有所医", "%", "up", "rate", 100),
    "primary_care_visit_share": ("基层就诊率", "病有所医", "%", "up", "rate", 100),
    "county_standard_childcare_institutions": ("各县（市、区）标准化普惠性托育机构", "幼有所育", "家", "up", "level", None),
    "childhood_immunisation_coverage": ("适龄儿童免疫规划疫苗接种率", "幼有所育", "%", "up", "rate", 100),
    "township_child_welfare_supervisors": ("每个乡镇（街道）配备儿童督导员", "幼有所育", "名", "up", "level", None),
    "village_child_welfare_directors": ("每个村委（社区）配备儿童主任", "幼有所育", "名", "up", "level", None),
    "new_kindergartens": ("新建幼儿园", "学有所教", "所", "up", "cumulative", None),
    "public_kindergarten_enrolment_share": ("公办幼儿园在园儿童占比", "学有所教", "%", "up", "rate", 100),
    "kindergarten_teachers_college_degree_share": ("幼儿园专任教师大专及以上学历比例", "学有所教", "%", "up", "rate", 100),
    "compulsory_schools_built": ("新建、续建义务教育学校", "学有所教", "所", "up", "cumulative", None),
    "general_high_schools_built": ("新建、续建普通高中", "学有所教", "所", "up", "cumulative", None),
    "county_general_high_school": ("各县（市、区）均有普通高中", "学有所教", "所", "up", "level", None),
    "hardship_family_employment": ("零就业家庭、最低生活保障家庭等困难家庭实现就业人数", "劳有所得", "人", "up", "level", None),
    "social_security_card_holders": ("社会保障卡持卡人数", "劳有所得", "万人", "up", "count", None),
    "emergency_medical_rescue_circle": ("紧急医学救援圈", "病有所医", "小时", "down", "level", None),
    "county_central_health_centres_secondary_level": ("每个县（市、区）二级医院服务能力水平的中心卫生院", "病有所医", "所", "up", "level", None),
    "county_tcm_hospital": ("各县（市、区）均有中医医院", "病有所医", "所", "up", "level", None),
    "county_community_mental_rehab_share": ("开展精神障碍社区康复服务的县（市、区）比例", "病有所医", "%", "up", "rate", 100),
    "home_mental_patients_community_rehab_share": ("居家患者接受社区康复服务比例", "病有所医", "%", "up", "rate", 100),
    "tcm_non_drug_therapy_visit_share": ("非药物中医技术诊疗人次占门诊总人次比例", "病有所医", "%", "up", "rate", 100),
    "elderly_service_circle": ("养老服务圈", "老有所养", "分钟", "down", "level", None),
    "new_housing_elderly_room_area_per_100_households": ("新建住宅项目养老服务用房建筑面积（每百户）", "老有所养", "平方米", "up", "level", None),
    "urban_community_elderly_facility_coverage": ("养老服务设施覆盖城镇社区比例", "老有所养", "%", "up", "rate", 100),
    "rural_community_elderly_facility_coverage": ("养老服务设施覆盖农村社区比例", "老有所养", "%", "up", "rate", 100),
    "urban_community_day_care_coverage": ("城镇社区日间照料机构覆盖率", "老有所养", "%", "up", "rate", 100),
    "barrier_free_classroom_per_grade": ("普通学校义务教育阶段每年级无障碍教室", "弱有所扶", "个", "up", "level", None),
    "veteran_placement_rate": ("退役军人安置率", "优军服务保障", "%", "up", "rate", 100),
    "honour_home_beds_per_home": ("每所光荣院床位数", "优军服务保障", "张", "up", "level", None),
    "honour_home_bed_utilisation": ("光荣院床位利用率", "优军服务保障", "%", "up", "rate", None),
    "village_cultural_centre_standard_compliance": ("行政村公共文化服务中心达到国家基本指导标准比例", "文体服务保障", "%", "up", "rate", 100),
    "county_public_stadium": ("每个县（市、区）公共体育场（馆）", "文体服务保障", "个", "up", "level", None),
    "county_rural_service_circle": ("以县城为中心的乡村服务圈", None, "公里", "down", "level", None),
    "prefecture_minor_protection_institution_coverage": ("设区市未成年人救助保护机构覆盖率", "幼有所育", "%", "up", "rate", 100),
    "county_minor_protection_institution_coverage": ("县级未成年人救助保护机构覆盖率", "幼有所育", "%", "up", "rate", 100),
    "special_education_school_per_large_county": ("20万人口以上的县（市）达标特殊教育学校数（每县）", "学有所教", "所", "up", "level", None),
    "elderly_monthly_visit_rate": ("特殊困难老年人月探访率", "老有所养", "%", "up", "rate", 100),
    "disability_care_institution_per_county": ("每个县（市）失能照护服务机构数", "老有所养", "所", "up", "level", None),
    "disability_care_institution_nursing_beds_share": ("失能照护服务机构护理型床位占比", "老有所养", "%", "up", "rate", 100),
    "elderly_home_adaptation_households": ("特殊困难老年人家庭适老化改造", "老有所养", "万户", "up", "cumulative", None),
    "elderly_friendly_communities": ("老年人宜居社区", "老有所养", "个", "up", "cumulative", None),
    "township_public_care_home_grade_rate": ("评定为一级至二级服务等级的乡镇（街道）级公办养老机构建有率", "老有所养", "%", "up", "rate", 100),
    "county_public_care_home_grade_rate": ("评定为二级至三级服务等级的县（市）级公办养老机构建有率", "老有所养", "%", "up", "rate", 100),
    "mental_health_welfare_facility_per_prefecture": ("每个设区市精神卫生福利设施数", "弱有所扶", "所", "up", "level", None),
    "public_culture_facility_area_per_10000": ("每万人拥有公共文化设施面积", "文体服务保障", "平方米", "up", "level", None),
    "emergency_broadcast_terminal_coverage": ("应急广播主动发布终端人口覆盖率", "文体服务保障", "%", "up", "rate", 100),
    "women_children_activity_venues_per_county": ("每个市、县（市、区）妇女儿童活动场所数", "文体服务保障", "处", "up", "level", None),
}
# fmt: on

#: The 80 national items of data/standards/basic-services.yaml (国家基本公共服务标准（2021年版）):
#: (item id, name, domain, what it provides, [(measure, floor, unit, per)])
# fmt: off
SERVICE_ITEMS = [
    ("yy01", "农村免费孕前优生健康检查", "幼有所育", "免费为农村计划怀孕夫妇每孩次提供1次健康教育、健康检查、风险评估和咨询指导等孕前优生服务。", [("孕前优生健康检查次数", "1", "次", "每孩次")]),
    ("yy02", "孕产妇健康服务", "幼有所育", "为辖区内常住的孕产妇免费建立母子健康手册，免费为孕产妇规范提供1次孕早期健康检查、1次产后访视和健康指导等服务。", [("孕早期健康检查次数", "1", "次", None), ("产后访视次数", "1", "次", None)]),
    ("yy03", "基本避孕服务", "幼有所育", "为符合免费计划生育服务政策的人员提供免费放置宫内节育器手术和放置皮下埋植剂手术及技术常规所规定的相关医学检查，便民发放免费避孕药具，提供避孕节育、优生优育、生殖健康、健康生活方式等宣传、咨询服务。", []),
    ("yy04", "生育保险", "幼有所育", "基金支付生育期间符合规定的生育医疗费和生育津贴，生育津贴按职工所在用人单位上年度职工月平均工资计发。用人单位按全部职工工资总额的国家规定比例缴纳生育保险费。", []),
    ("yy05", "预防接种", "幼有所育", "免费接种国家免疫规划疫苗，在重点地区，对重点人群进行针对性接种。以乡镇（街道）为单位，适龄儿童免疫规划疫苗接种率达到98%。", [("适龄儿童免疫规划疫苗接种率", "98%", "%", "以乡镇（街道）为单位")]),
    ("yy06", "儿童健康管理", "幼有所育", "为辖区内的常住0—6岁儿童提供13次（出生后1周内、满月、3月龄、6月龄、8月龄、12月龄、18月龄、24月龄、30月龄、3岁、4岁、5岁、6岁各一次）免费健康管理；为0—3岁儿童每年提供2次中医调养服务，向儿童家长教授儿童中医饮食调养、起居活动指导和摩腹捏脊穴位按揉方法。", [("免费健康管理次数", "13", "次", "0—6岁儿童"), ("0—3岁儿童中医调养服务次数", "2", "次", "每年")]),
    ("yy07", "特殊儿童群体基本生活保障", "幼有所育", "为孤儿、艾滋病病毒感染儿童发放基本生活费。为事实无人抚养儿童发放基本生活补贴。", []),
    ("yy08", "困境儿童保障", "幼有所育", "困境儿童信息系统一季度更新一次；村（居）委会建立困境儿童信息台账，一人一档，村（居）委会儿童主任定期走访，并有详细走访记录。为困境儿童提供基本生活保障、基本医疗保障、教育保障，落实抚养监护责任。为残疾的困境儿童提供康复救助等福利服务。", [("困境儿童信息系统更新次数", "1", "次", "每季度")]),
    ("yy09", "农村留守儿童关爱保护", "幼有所育", "提供家庭监护指导、学校教育关爱、社会力量关爱、走访探访、救助保护等服务。", []),
    ("xj01", "学前教育幼儿资助", "学有所教", "减免家庭经济困难适龄在园幼儿保育费和教育费。", []),
    ("xj02", "义务教育阶段免除学杂费", "学有所教", "生均公用经费标准为小学650元、初中850 元，寄宿制学校公用经费按寄宿生数年生均增加200元；义务教育特殊教育学校和随班就读的残疾学生公用经费为年生均6000元；对不足100人的农村小学、教学点按 100 人补助公用经费。", [("小学生均公用经费", "650", "元", "生均"), ("初中生均公用经费", "850", "元", "生均"), ("寄宿制学校寄宿生公用经费增加额", "200", "元", "年生均（按寄宿生数）"), ("特殊教育学校和随班就读残疾学生公用经费", "6000", "元", "年生均"), ("不足100人的农村小学和教学点公用经费核定人数", "100", "人", None)]),
    ("xj03", "义务教育阶段免费提供教科书", "学有所教", "小学每生每年105元、初中每生每年180元；小学一年级字典 14 元/年·人。", [("小学免费教科书经费", "105", "元", "每生每年"), ("初中免费教科书经费", "180", "元", "每生每年"), ("小学一年级免费字典经费", "14", "元/年·人", None)]),
    ("xj05", "义务教育家庭经济困难学生生活补助", "学有所教", "给予义务教育家庭经济困难学生生活补助，寄宿小学生每生每年1000元、初中生每生每年1250元，非寄宿小学生每生每年500元、初中生每生每年625元。", [("寄宿小学生生活补助", "1000", "元", "每生每年"), ("寄宿初中生生活补助", "1250", "元", "每生每年"), ("非寄宿小学生生活补助", "500", "元", "每生每年"), ("非寄宿初中生生活补助", "625", "元", "每生每年")]),
    ("xj06", "试点区域学生营养膳食补助", "学有所教", "为农村义务教育学生营养改善计划试点地区（不含县城）学生提供营养膳食补助。桂林市基础标准为每生每天4元。", [("营养膳食补助标准", "4", "元", "每生每天")]),
    ("xj07", "普通高中国家助学金", "学有所教", "给予具有正式注册学籍的普通高中在校生中的1—3年级家庭经济困难学生国家助学金资助，平均资助标准为每生每年2000元。", [("普通高中国家助学金平均资助标准", "2000", "元", "每生每年")]),
    ("xj08", "普通高中免学杂费", "学有所教", "免除具有正式注册学籍的普通高中在读的家庭经济困难学生学杂费（含学费、课本费和住宿费）。", []),
    ("xj09", "中等职业教育国家助学金", "学有所教", "给予中等职业学校全日制学历教育正式学籍一、二年级在校涉农专业学生和非涉农专业的家庭经济困难学生，以及集中连片特殊困难地区农村学生（不含县镇）国家助学金资助，平均资助标准为每生每年2000元。", [("中等职业教育国家助学金平均资助标准", "2000", "元", "每生每年")]),
    ("xj10", "中等职业教育免除学费", "学有所教", "免除中等职业学校全日制学历教育正式学籍一、二、三年级在校学生学费（不含住宿费）。", []),
    ("ld01", "就业信息服务", "劳有所得", "提供就业创业和劳动用工政策法规咨询；发布人力资源供求、市场工资价位、职业培训、见习岗位等信息。", []),
    ("ld02", "职业介绍、职业指导和创业开业指导", "劳有所得", "为有求职需求的劳动者提供求职登记、岗位推荐、招聘会等服务；对有创业需求的劳动者提供创业开业指导等服务。", []),
    ("ld03", "就业登记与失业登记", "劳有所得", "为实现就业的劳动者提供就业登记服务。为劳动年龄内、有劳动能力、有就业要求、处于无业状态的城乡劳动者提供失业登记服务。", []),
    ("ld04", "流动人员人事档案管理服务", "劳有所得", "提供流动人员人事档案的接收和转递，档案材料的收集、鉴别和归档，档案的整理和保管，为符合相关规定的单位提供档案查（借）阅服务；依据档案记载出具存档、经历、亲属关系等相关证明；为相关单位提供入党、参军、录用、出国（境）等政审（考察）服务；党员组织关系的接转服务。", []),
    ("ld05", "就业见习服务", "劳有所得", "为有见习意愿的离校未就业高校毕业生和失业青年提供见习岗位；为见习人员提供基本生活补助，并办理人身意外伤害保险。", []),
    ("ld06", "就业援助", "劳有所得", "为就业困难人员和零就业家庭提供政策咨询、职业指导、职业介绍、职业技能培训等服务。对通过市场渠道难以实现就业创业且符合条件的，通过公益性岗位予以安置。", []),
    ("ld07", "职业技能培训、鉴定和生活费补贴", "劳有所得", "脱贫劳动力、毕业年度高校毕业生、城乡未继续升学的应届初高中毕业生、农村转移劳动力、城镇登记失业人员等符合条件的城乡各类劳动力，以及符合条件的企业在职职工可按规定享受职业培训补贴和培训期间的生活费补贴以及职业技能鉴定补贴。", []),
    ("ld08", "“12333”人力资源和社会保障电话服务", "劳有所得", "为社会公众提供人力资源和社会保障领域的政策咨询、信息查询、信息公开、业务办理和投诉举报等服务。人工服务为每周5×8小时，自助语音服务为每周7×24小时，综合接通率达到80%。", [("12333人工服务时间", "40", "小时", "每周"), ("12333自助语音服务时间", "168", "小时", "每周"), ("12333综合接通率", "80%", "%", None)]),
    ("ld09", "劳动关系协调", "劳有所得", "提供劳动关系法规政策咨询、劳动用工、薪酬以及劳动关系矛盾纠纷化解等方面指导，提供劳动合同、集体合同示范文本和企业薪酬分配指引等服务。", []),
    ("ld10", "劳动用工保障", "劳有所得", "为用人单位和劳动者提供劳动人事争议调解。仲裁和劳动保障监察执法维权等服务。", []),
    ("ld11", "失业保险", "劳有所得", "为符合条件的参保失业人员落实失业保险金及其他待遇，符合条件的参保企业按规定享受稳岗返还，符合条件的参保职工按规定享受技能提升补贴。", []),
    ("ld12", "工伤保险", "劳有所得", "职工认定（视同）工伤后按规定享受相应的工伤保险待遇。", []),
    ("by01", "建立居民健康档案", "病有所医", "为辖区内常住居民（指居住半年以上的户籍及非户籍居民）建立统一、规范的电子居民健康档案。", []),
    ("by02", "健康教育与健康素养促进", "病有所医", "提供健康教育、健康咨询、健康科普等服务。每年发布桂林居民健康素养水平数据。", []),
    ("by03", "传染病及突发公共卫生事件报告和处理", "病有所医", "及时发现、登记、报告及处理就诊的传染病病例和疑似病例以及突发公共卫生事件伤病员，提供传染病防治和突发公共卫生事件防范知识宣传与咨询服务。", []),
    ("by04", "卫生监督协管服务", "病有所医", "为辖区内居民提供食品安全信息报告、饮用水卫生安全巡查、学校卫生服务、非法行医和非法采供血巡查、计划生育信息报告、职业卫生和放射卫生巡查等服务；为城乡居民提供科普宣传、教育服务。", []),
    ("by05", "慢性病患者健康管理", "病有所医", "为辖区内35岁及以上常住居民中原发性高血压患者和2型糖尿病患者提供筛查、随访评估、分类干预、健康体检服务。", []),
    ("by06", "地方病患者健康管理", "病有所医", "为辖区内氟骨症、克汀病、二度及以上甲状腺肿大、慢性和晚期血吸虫病患者建立健康档案，进行社区管理。对氟骨症、克汀病、二度及以上甲状腺肿大、慢性和晚期血吸虫病患者每年随访1次。", [("地方病患者随访次数", "1", "次", "每年")]),
    ("by07", "严重精神障碍患者健康管理", "病有所医", "为辖区内常住居民中诊断明确、在家居住的严重精神障碍患者提供登记管理、随访评估、分类干预等服务。", []),
    ("by08", "结核病患者健康管理", "病有所医", "为辖区内确诊的常住肺结核患者提供密切接触者筛查及推介转诊、入户随访、督导服药、结果评估、分类干预等服务。", []),
    ("by09", "艾滋病病毒感染者和病人随访管理", "病有所医", "提供健康咨询、行为干预、配偶/固定性伴检测、随访、督导服药等服务，配合相关机构做好转介。", []),
    ("by10", "社区易感染艾滋病高危行为人群干预", "病有所医", "为艾滋病性传播高危行为人群提供艾滋病预防、性与生殖健康知识，推广使用安全套，提供艾滋病、性病咨询检测等综合干预措施。", []),
    ("by11", "基本药物供应保障服务", "病有所医", "基本药物按照规定优先纳入基本医疗保险药品目录。提高基本药物供给能力，满足疾病防治基本用药需求。", []),
    ("by12", "食品药品安全保障", "病有所医", "提供食品安全风险监测、标准跟踪评价等服务。对食品药品医疗器械实施风险分类管理。", []),
    ("by13", "职工基本医疗保险", "病有所医", "建立健全职工基本医疗保险制度，提供参保经办服务。", []),
    ("by14", "城乡居民基本医疗保险", "病有所医", "提供参保经办服务。", []),
    ("by15", "农村符合条件的计划生育家庭奖励扶助", "病有所医", "只有一个子女或两个女孩的农村部分符合条件的计划生育家庭夫妇，每人每月发放奖励扶助金120元。", [("农村计划生育家庭奖励扶助金", "120", "元", "每人每月")]),
    ("by16", "计划生育家庭特别扶助", "病有所医", "独生子女死亡家庭夫妇每人每月发放970元；独生子女伤残家庭夫妻每人每月发放940元；一级、二级、三级计划生育手术并发症人员每人每月分别发放700元、500元、300元。", [("独生子女死亡家庭特别扶助金", "970", "元", "每人每月"), ("独生子女伤残家庭特别扶助金", "940", "元", "每人每月"), ("一级计划生育手术并发症人员特别扶助金", "700", "元", "每人每月"), ("二级计划生育手术并发症人员特别扶助金", "500", "元", "每人每月"), ("三级计划生育手术并发症人员特别扶助金", "300", "元", "每人每月")]),
    ("ly01", "老年人健康管理", "老有所养", "为辖区内65岁及以上常住居民提供健康体检、生活方式和健康状况评估、针对性健康指导等服务。", []),
    ("ly02", "老年人福利补贴", "老有所养", "为65岁及以上的老年人提供能力综合评估，做好老年人能力综合评估与健康状况评估的衔接。为经济困难的老年人提供养老服务补贴。为经认定生活不能自理的经济困难老年人提供护理补贴。为80岁以上老年人发放高龄津贴。", []),
    ("ly03", "职工基本养老保险", "老有所养", "按时足额发放基本养老金。", []),
    ("ly04", "城乡居民基本养老保险", "老有所养", "为符合条件的参保对象提供参保经办服务，给予缴费补贴，发放基础养老金和个人账户养老金。", []),
    ("zj01", "公租房保障", "住有所居", "为符合条件的城镇住房、收入困难家庭提供租赁补贴或实物保障。", []),
    ("zj02", "城镇棚户区改造", "住有所居", "优先将群众改造意愿迫切、安全隐患突出、环境脏乱差的棚户区等纳入改造范围，为棚户区居民提供实物安置或货币补偿。", []),
    ("zj03", "农村危房改造", "住有所居", "建立农村低收入群体安全住房保障机制，及时发现，动态清零，通过提供危房改造补助，帮助符合条件的农村低收入群体解决住房安全问题。", []),
    ("rf01", "最低生活保障", "弱有所扶", "为低保对象发放最低生活保障金。对获得最低生活保障金后生活仍有困难的老年人、未成年人、重度残疾人和重病患者，采取必要措施给予生活保障。", []),
    ("rf02", "特困人员救助供养", "弱有所扶", "提供基本生活条件；对生活不能自理的给予照料；提供疾病治疗；以减免费用或补贴方式提供遗体接运、暂存、火化、骨灰寄存等基本殡葬服务。", []),
    ("rf03", "医疗救助", "弱有所扶", "按规定对符合条件的救助对象参加城乡居民医保个人缴费给予补助，实施住院和门诊救助。给予紧急救治服务。", []),
    ("rf04", "临时救助", "弱有所扶", "为救助对象发放临时救助金；对有需要的救助对象发放衣物、食品、饮用水，提供临时住所；对给予临时救助金、实物救助后，仍不能解决临时救助对象困难的，可分情况提供转介服务。", []),
    ("rf05", "受灾人员救助", "弱有所扶", "及时为本辖区内受灾人员提供必要的食品、饮用水、衣被、取暖、临时住所、医疗防疫等应急救助；对住房损毁严重的受灾人员进行过渡期安置；及时核定本辖区内居民住房恢复重建补助对象，并给予资金、物资等救助；为因当年冬寒或者次年春荒遇到生活困难的受灾人员提供基本生活救助。", []),
    ("rf06", "法律援助", "弱有所扶", "提供必要的法律咨询、代理、刑事辩护、值班律师的法律帮助等无偿法律服务。", []),
    ("rf07", "困难残疾人生活补贴和重度残疾人护理补贴", "弱有所扶", "为持有《中华人民共和国残疾人证》的低保残疾人提供生活补贴。为持有《中华人民共和国残疾人证》且残疾程度为一级或二级的各类残疾人以及残疾程度为三级或四级的精神残疾人提供护理补贴（除特困人员和享受其他福利性护理补贴人员外）。", []),
    ("rf08", "无业重度残疾人最低生活保障", "弱有所扶", "符合条件的对象，经个人申请，可按照单人户纳入最低生活保障范围。", []),
    ("rf09", "残疾人托养服务", "弱有所扶", "为符合条件的残疾人提供护理照料、生活自理能力和社会适应能力训练、职业康复、劳动技能培训、辅助性就业等服务。", []),
    ("rf10", "残疾人康复服务", "弱有所扶", "提供康复评估、康复训练、辅具适配、护理、心理疏导、咨询、指导和转介等基本康复服务。为符合条件的残疾儿童提供以减轻功能障碍、改善功能状况、增强生活自理和社会参与能力为主要目的的手术、辅具适配和康复训练等服务。", []),
    ("rf11", "残疾儿童及青少年教育", "弱有所扶", "为家庭经济困难的残疾学生提供包括义务教育、高中阶段教育在内的12年免费教育；对残疾儿童普惠性学前教育予以资助；对残疾学生特殊学习用品、教育训练、交通费等予以补助。", [("家庭经济困难残疾学生免费教育年限", "12", "年", None)]),
    ("rf12", "残疾人职业培训和就业服务", "弱有所扶", "为未就业残疾人提供就业技能培训，为在岗残疾人提供岗位技能提升培训或高技能人才培训，为有创业意愿并具备一定创业条件的残疾人提供创业培训，为高校残疾毕业生、残疾人高技能人才、贫困残疾人、残疾人创业带头人、残疾人非遗传承人等重点群体提供有针对性的培训服务。", []),
    ("rf13", "残疾人文化体育服务", "弱有所扶", "在电视台提供有字幕或手语的节目，在公共图书馆提供盲文和有声读物等阅读服务；为基层残疾人体育活动场所和残疾人综合服务设施配置适宜的器材器械，完善公共文化体育设施无障碍条件。", []),
    ("rf14", "残疾人和老年人无障碍环境建设", "弱有所扶", "分年度逐步为贫困重度残疾人、老年人家庭提供无障碍改造服务。", []),
    ("yj01", "优待抚恤", "优军服务保障", "为符合条件人员发放抚恤金、优待金、生活补助或者给予其他优待。", []),
    ("yj02", "退役军人安置", "优军服务保障", "自主择业、自主就业、自谋职业、复员、逐月领取退役金的退役军人，按规定享受扶持就业优惠政策；其他分别采取转业、安排工作、退休、供养等方式予以安置。", []),
    ("yj03", "退役军人就业创业服务", "优军服务保障", "推进各级退役军人实训基地和创业孵化基地建设，建立创业导师库，举办退役军人专场招聘会、创业大赛、创业创新产品展销会等，积极拓宽就业渠道。", [("退役军人专场招聘会次数", "2", "次", "每年")]),
    ("yj04", "特殊群体集中供养", "优军服务保障", "细化明确光荣院服务对象，重点保障集中供养人群。", []),
    ("wt01", "公共文化设施免费开放", "文体服务保障", "公共图书馆、文化馆（站）、博物馆（非文物建筑及 遗址类）、美术馆等公共文化设施免费开放，基本服务项目健全。县级以上图书馆每周开放时间不少于56小时；乡镇（街道）综合文化站每周开放时间不少于42小时。市、县级综合档案馆每周开放时间不少于35小时。", [("县级以上图书馆每周开放时间", "56", "小时", "每周"), ("乡镇（街道）综合文化站每周开放时间", "42", "小时", "每周"), ("市、县级综合档案馆每周开放时间", "35", "小时", "每周")]),
    ("wt02", "送戏曲下乡", "文体服务保障", "根据群众实际需求，采取政府采购等方式，为农村乡镇每年送戏曲等文艺演出服务。每年为每个乡镇（街道）送地方戏曲等文艺演出5场以上；国有剧院每年举办公益性演出不少于12场。", [("每个乡镇（街道）送文艺演出场次", "5", "场", "每个乡镇（街道）每年"), ("国有剧院公益性演出场次", "12", "场", "每年")]),
    ("wt03", "收听广播", "文体服务保障", "为全民提供广播节目和突发事件应急广播服务。农村应急广播每天播出次数不少于3次，每次不少于30分钟；通过地面无线方式提供不少于15套广播节目；在直播卫星公共服务覆盖地区，通过直播卫星提供不少于17套广播节目。", [("农村应急广播每天播出次数", "3", "次", "每天"), ("农村应急广播每次播出时长", "30", "分钟", "每次"), ("地面无线广播节目套数", "15", "套", None), ("直播卫星广播节目套数", "17", "套", None)]),
    ("wt04", "观看电视", "文体服务保障", "通过地面无线方式提供不少于15套电视节目；在直播卫星公共服务覆盖地区，通过直播卫星提供不少于25套电视节目。", [("地面无线电视节目套数", "15", "套", None), ("直播卫星电视节目套数", "25", "套", None)]),
    ("wt05", "观赏电影", "文体服务保障", "为中小学生观看优秀影片提供保障服务，为农村群众提供数字电影放映服务。其中保障每名中小学生每学期至少观看2次优秀影片，每年国产新片（院线上映不超过2年）比例不少于1/3。", [("中小学生观看优秀影片次数", "2", "次", "每名中小学生每学期")]),
    ("wt06", "读书看报", "文体服务保障", "公共图书馆（室）、文化馆（站）、行政村（社区）综合文化服务中心、农家书屋等配备图书、报刊和电子书刊，并免费提供借阅服务；在城镇主要街道、公共场所、居民小区等人流密集地点设置公共阅报栏（屏），提供时政、“三农”、科普、文化、生活等方面的信息服务。县级图书馆人均藏书不少于1册或总藏量不少于50万册，人均新增藏书不少于0.05册。支持有线电视网络向城乡人民群众提供“数字电视网络图书馆”公共服务。", [("县级图书馆人均藏书", "1", "册", "人均"), ("县级图书馆总藏量", "50", "万册", None), ("县级图书馆人均新增藏书", "0.05", "册", "人均")]),
    ("wt07", "少数民族文化服务", "文体服务保障", "通过有线、无线、卫星等方式提供民族语言广播电视节目；提供民族语言文字出版的、价格适宜的常用书报刊、电子音像制品和数字出版产品；提供少数民族特色的艺术作品，开展少数民族文化活动。", []),
    ("wt08", "公共体育设施开放", "文体服务保障", "有条件的公共体育设施（含学校体育设施）免费或低收费开放。免费项目或有关收费标准由地方政府制定；开放时间与当地公众的工作时间、学习时间适当错开，不少于县（市、区）规定的最低时限，全民健身日免费开放，国家法定节假日和学校寒暑假期间，适当延长开放时间。", []),
    ("wt09", "全民健身服务", "文体服务保障", "提供科学健身指导、群众健身活动和比赛、科学健身知识等服务；在公园、绿地等公共场所配置全民健身器材。充分利用废旧或闲置厂房、违章建筑拆后地块，以及城市升级产生的“边角地”，重点建设一批社区多功能运动场、社会足球场、体育健身步道、体育公园、百姓健身房、村级全民健身广场等体育场地设施。", []),
]
# fmt: on

# --- what the values look like ---------------------------------------------------------------
#
# A comparable indicator (rate or level: pubsvc compares it across plan levels) is generated down
# the chain: a plan's target is never weaker than the strongest target of any plan above it that
# carries the indicator (equal, with the same text, or better by at least one printed unit), its
# baseline is worse than its target, and both lie inside the catalog's limits.
#   cmp(lo, hi, step, gap_lo, gap_hi, dt, db, p_equal, conflict)
#   lo–hi: the target range where a province introduces the indicator; step: how much better a
#   lower plan may be than the plans above; gap: baseline distance from target; dt/db: decimals
#   printed for target/baseline; p_equal: chance a lower plan repeats the upper target;
#   conflict: usable for injected conflicts.
# A size-dependent indicator (count or five-year total: never compared across levels) scales with
# the place's population (万人):
#   size(per_wan_lo, per_wan_hi, ratio_lo, ratio_hi, integer)
#   target = per_wan × population; baseline = target × ratio; integer: a whole-number unit.


def cmp(lo, hi, step, gap_lo, gap_hi, dt=1, db=1, p_equal=0.35, conflict=True):
    return ("cmp", float(lo), float(hi), float(step), float(gap_lo), float(gap_hi), dt, db, p_equal, conflict)


def size(per_wan_lo, per_wan_hi, ratio_lo, ratio_hi, integer=False):
    return ("size", per_wan_lo, per_wan_hi, ratio_lo, ratio_hi, integer)


QUALITATIVE = ("qual",)
ONE_PER_UNIT = cmp(1, 1, 1, "0.1", "0.4", dt=0, db=2, p_equal=0.9, conflict=False)  # 每个县……至少1所

#: The national plan's 22 indicators (data/plans/national.yaml, 《“十四五”公共服务规划》): nature,
#: baseline and target as the synthetic national plan prints them, and how lower plans vary them.
#: The seven 约束性 ones are a synthetic choice (the real plan does not say which seven).
NATIONAL = [
    ("childcare_places_per_1000", "预期性", "1.8", "4.5", cmp(0, 0, "0.4", "2.0", "3.4", 1, 1)),
    ("orphan_support_coverage", "约束性", "应保尽保", "应保尽保", QUALITATIVE),
    ("preschool_gross_enrolment", "预期性", "85.2", ">90", cmp(0, 0, "1.5", 2, 6, 1, 1)),
    ("compulsory_education_retention", "约束性", "95.2", "96", cmp(0, 0, "0.6", "0.5", 2, 1, 2)),
    ("high_school_gross_enrolment", "预期性", "91.2", ">92", cmp(0, 0, "1.2", "1.5", 4, 1, 1)),
    ("working_age_schooling_years", "约束性", "10.8", "11.3", cmp(0, 0, "0.2", "0.3", "0.8", 1, 2)),
    ("subsidised_vocational_training", "预期性", "〔5600〕", "〔7500〕", size(0.045, 0.065, 0.6, 0.95)),
    ("life_expectancy", "预期性", "77.93", "78.3", cmp(0, 0, "0.4", "0.4", "1.4", 1, 2)),
    ("physicians_per_1000", "约束性", "2.9", "3.2", cmp(0, 0, "0.15", "0.2", "0.6", 2, 2)),
    ("nurses_per_1000", "预期性", "3.34", "3.8", cmp(0, 0, "0.15", "0.3", "0.8", 2, 2)),
    ("medical_insurance_coverage", "约束性", "94.6", ">95", cmp(0, 0, "0.8", "0.4", 2, 1, 1)),
    ("nursing_beds_share", "约束性", "48", "55", cmp(0, 0, "2.5", 5, 20, 1, 1)),
    ("new_area_elderly_facility_compliance", "预期性", "80", "100", cmp(0, 0, 0, 5, 40, 0, 1)),
    ("pension_insurance_coverage", "预期性", "91", "95", cmp(0, 0, "0.8", "1.5", 5, 1, 1)),
    ("elderly_care_beds_total", "预期性", "821", "约1000", size(0.0065, 0.0078, 0.75, 0.92)),
    ("public_rental_housing_coverage", "预期性", "应保尽保", "应保尽保", QUALITATIVE),
    ("rural_housing_safety_coverage", "预期性", "应保尽保", "应保尽保", QUALITATIVE),
    ("old_residential_renovation", "预期性", "〔2000〕", "〔3900〕", size(0.024, 0.032, 0.4, 0.9)),
    ("disability_subsidy_coverage", "约束性", "95", "100", cmp(0, 0, 0, 1, 6, 0, 1)),
    ("public_culture_visits_per_10000", "预期性", "2.6", "3.4", cmp(0, 0, "0.2", "0.4", "1.2", 2, 2)),
    ("sports_area_per_capita", "预期性", "2.2", "2.6", cmp(0, 0, "0.12", "0.3", "0.8", 2, 2)),
    ("community_service_area_per_100_households", "预期性", "26", ">30", cmp(0, 0, "1.5", 3, 8, 1, 1)),
]

#: Other catalog indicators a province, city or county adds to the national ones.
EXTRAS = {
    "compulsory_education_balanced_county_share": cmp(95, 100, 2, 5, 20, 0, 1),
    "urban_new_jobs": size(0.035, 0.045, 0.85, 0.98),
    "migrant_worker_vocational_training": size(0.010, 0.020, 0.6, 0.95),
    "maternal_mortality": cmp(9, 14, 1, 1, 5, 1, 1),
    "infant_mortality": cmp("3.5", "5.5", "0.4", "0.5", 2, 1, 2),
    "under5_mortality": cmp(5, "7.5", "0.5", "0.5", 2, 1, 2),
    "special_hardship_centralised_support_rate": cmp(60, 80, 3, 5, 20, 0, 1),
    "shantytown_renovation": size(0.002, 0.004, 0.5, 0.95),
    "rural_dangerous_house_renovation": size(0.001, 0.003, 0.5, 0.95),
    "public_library_visits": size(0.5, 1.0, 0.7, 0.92),
    "radio_tv_coverage": cmp(99, "99.6", "0.1", "0.3", "1.5", 1, 2),
    "national_reading_rate": cmp(80, 85, "0.6", 1, 4, 1, 1),
    "regular_exercise_share": cmp(38, 45, 1, 2, 6, 1, 1),
    "regular_exercise_participants": size(0.38, 0.45, 0.85, 0.95),
    "disability_rehabilitation_coverage": cmp(85, 95, 1, 3, 15, 0, 1),
    "new_area_elderly_facility_area_per_capita": cmp("0.10", "0.15", "0.01", "0.02", "0.05", 2, 2),
    "county_comprehensive_childcare_institutions": ONE_PER_UNIT,
    "community_inclusive_childcare_coverage": cmp(50, 80, 5, 15, 40, 0, 1),
    "inclusive_kindergarten_coverage": cmp(85, 92, 1, 3, 10, 0, 1),
    "township_public_central_kindergartens": ONE_PER_UNIT,
    "preschool_universal_inclusive_county_share": cmp(40, 70, 5, 20, 38, 0, 1),
    "social_workers_per_100_elderly_care_beds": cmp(1, 2, "0.2", "0.3", "0.9", 1, 2),
    "township_elderly_care_centre_coverage": cmp(60, 80, 5, 20, 40, 0, 1),
    "affordable_rental_housing_raised": size(5, 15, 0.3, 0.8, integer=True),
    "maternal_child_systematic_management": cmp(90, 95, "0.5", 1, 5, 1, 1),
    "prenatal_screening_rate": cmp(85, 95, 1, 3, 10, 1, 1),
    "severe_birth_defect_incidence": cmp(2, 8, "0.5", "0.5", 2, 1, 2),
    "parenting_knowledge_rate": cmp(85, 92, 1, 5, 15, 0, 1),
    "affordable_childcare_places_share": cmp(50, 65, 3, 10, 30, 0, 1),
    "minor_protection_institutions_per_county": ONE_PER_UNIT,
    "quality_balanced_compulsory_education_county_share": cmp(15, 40, 5, 5, 14, 0, 1),
    "quality_high_school_quota_allocation_share": cmp(50, 60, 3, 5, 15, 0, 1),
    "high_skilled_workers": size(0.04, 0.05, 0.7, 0.9),
    "vocational_skills_training": size(0.010, 0.020, 0.7, 0.9),
    "county_tertiary_general_hospitals": ONE_PER_UNIT,
    "county_visit_share": cmp(90, 92, "0.5", 2, 6, 1, 1),
    "primary_care_visit_share": cmp(60, 70, 2, 3, 10, 0, 1),
    "county_standard_childcare_institutions": ONE_PER_UNIT,
    "childhood_immunisation_coverage": cmp(95, 98, "0.5", "0.5", "2.5", 1, 2),
    "township_child_welfare_supervisors": ONE_PER_UNIT,
    "village_child_welfare_directors": ONE_PER_UNIT,
    "new_kindergartens": size(0.1, 0.2, 0.5, 0.95, integer=True),
    "public_kindergarten_enrolment_share": cmp(50, 60, 2, 5, 15, 0, 1),
    "kindergarten_teachers_college_degree_share": cmp(85, 95, 2, 5, 20, 0, 1),
    "compulsory_schools_built": size(0.3, 0.6, 0.5, 0.95, integer=True),
    "general_high_schools_built": size(0.03, 0.06, 0.5, 0.95, integer=True),
    "county_general_high_school": ONE_PER_UNIT,
    "hardship_family_employment": ONE_PER_UNIT,
    "social_security_card_holders": size(0.95, 1.0, 0.85, 0.97),
    "emergency_medical_rescue_circle": cmp(1, 2, "0.2", "0.3", 1, 1, 1),
    "county_central_health_centres_secondary_level": ONE_PER_UNIT,
    "county_tcm_hospital": ONE_PER_UNIT,
    "county_community_mental_rehab_share": cmp(70, 85, 3, 20, 40, 0, 1),
    "home_mental_patients_community_rehab_share": cmp(50, 65, 3, 20, 35, 0, 1),
    "tcm_non_drug_therapy_visit_share": cmp(15, 25, 1, 3, 8, 1, 1),
    "elderly_service_circle": cmp(15, 15, 3, 5, 15, 0, 0),
    "new_housing_elderly_room_area_per_100_households": cmp(20, 30, 2, 5, 10, 0, 1),
    "urban_community_elderly_facility_coverage": cmp(90, 100, 3, 10, 30, 0, 1),
    "rural_community_elderly_facility_coverage": cmp(60, 75, 3, 15, 35, 0, 1),
    "urban_community_day_care_coverage": cmp(85, 95, 2, 10, 30, 0, 1),
    "barrier_free_classroom_per_grade": ONE_PER_UNIT,
    "veteran_placement_rate": cmp(98, 100, "0.5", 1, 5, 1, 1),
    "honour_home_beds_per_home": cmp(50, 60, 5, 10, 20, 0, 0),
    "honour_home_bed_utilisation": cmp(70, 85, 2, 10, 25, 0, 1),
    "village_cultural_centre_standard_compliance": cmp(95, 100, 2, 5, 20, 0, 1),
    "county_public_stadium": ONE_PER_UNIT,
    "county_rural_service_circle": cmp(15, 15, 3, 5, 15, 0, 0),
    "prefecture_minor_protection_institution_coverage": cmp(100, 100, 0, 10, 30, 0, 1),
    "county_minor_protection_institution_coverage": cmp(75, 100, 5, 20, 40, 0, 1),
    "special_education_school_per_large_county": ONE_PER_UNIT,
    "elderly_monthly_visit_rate": cmp(100, 100, 0, 20, 50, 0, 1),
    "disability_care_institution_per_county": ONE_PER_UNIT,
    "disability_care_institution_nursing_beds_share": cmp(80, 80, 3, 20, 40, 0, 1),
    "elderly_home_adaptation_households": size(0.0015, 0.0025, 0.3, 0.8),
    "elderly_friendly_communities": size(0.04, 0.06, 0.4, 0.9, integer=True),
    "township_public_care_home_grade_rate": cmp(80, 80, 3, 20, 50, 0, 1),
    "county_public_care_home_grade_rate": cmp(80, 80, 3, 20, 50, 0, 1),
    "mental_health_welfare_facility_per_prefecture": ONE_PER_UNIT,
    "public_culture_facility_area_per_10000": cmp(300, 400, 15, 30, 80, 0, 0),
    "emergency_broadcast_terminal_coverage": cmp(90, 95, 1, 10, 30, 0, 1),
    "women_children_activity_venues_per_county": ONE_PER_UNIT,
}
SPECS = {ind: spec for ind, _n, _b, _t, spec in NATIONAL} | EXTRAS
NATIONAL_IDS = [row[0] for row in NATIONAL]

YEARS = (2021, 2022, 2023, 2024, 2025)
BASE_YEAR, TARGET_YEAR = 2020, 2025
NATIONAL_POPULATION = 141178  # 万人, the 2020 census
LEVELS = ("national", "province", "city", "county")

# Extras per plan: a province introduces 10–14, a city adds 3–6, a county 3–6 (all carried down).
EXTRAS_PER_LEVEL = {"province": (10, 14), "city": (3, 6), "county": (3, 6)}
# Injected cases, as shares of the plans they can apply to (each at least the minimum).
SHARE_OWN_CONFLICT = 0.03  # of cities and counties
SHARE_SKIP_PROVINCES, SHARE_SKIP_CITIES, SHARE_SKIP_COUNTIES = 0.10, 0.5, 0.35
SHARE_INHERITED_PROVINCES = 0.15
SHARE_REGRESSION = SHARE_LAGGING = 0.03  # of the plans below the national one
SHARE_BARE_SERVICE_LISTS = 0.25  # of the counties: service names only, no descriptions or standards


# --- values ------------------------------------------------------------------------------------


class Val:
    """A value as a plan prints it: a number ``u`` × 10^-``d`` (exact, with its printed decimals)
    with an optional comparator, five-year-total brackets and 约; or a qualitative phrase."""

    __slots__ = ("u", "d", "cmp", "cum", "approx", "qual")

    def __init__(self, u=0, d=0, cmp=None, cum=False, approx=False, qual=None):
        self.u, self.d, self.cmp, self.cum, self.approx, self.qual = u, d, cmp, cum, approx, qual

    @classmethod
    def parse(cls, text: str) -> Val:
        if text == "应保尽保":
            return cls(qual=text)
        cum = text.startswith("〔")
        inner = text.strip("〔〕")
        approx = inner.startswith("约")
        inner = inner.removeprefix("约")
        comparator = None
        for sign, canonical in ((">=", ">="), ("≥", ">="), ("<=", "<="), ("≤", "<="), (">", ">"), ("<", "<")):
            if inner.startswith(sign):
                comparator, inner = canonical, inner[len(sign) :]
                break
        d = len(inner.split(".")[1]) if "." in inner else 0
        return cls(int(inner.replace(".", "")), d, comparator, cum, approx)

    def copy(self) -> Val:
        return Val(self.u, self.d, self.cmp, self.cum, self.approx, self.qual)

    @property
    def num(self) -> Fraction:
        return Fraction(self.u, 10**self.d)

    def at(self, d: int) -> int:
        """The number in units of 10^-d (d at least the value's own decimals)."""
        return self.u * 10 ** (d - self.d)

    @property
    def text(self) -> str:
        if self.qual:
            return self.qual
        sign = {None: "", ">=": "≥", ">": ">", "<=": "≤", "<": "<"}[self.cmp]
        inner = ("约" if self.approx else "") + sign + number(self.u, self.d)
        return f"〔{inner}〕" if self.cum else inner

    @property
    def plain(self) -> bool:
        return not (self.qual or self.cmp or self.cum or self.approx)

    @property
    def strict(self) -> bool:
        return self.cmp in (">", "<")

    def yaml(self) -> str:
        return self.text if self.plain else q(self.text)


def number(u: int, d: int) -> str:
    """``u`` × 10^-d printed with d decimals."""
    sign, n = ("-" if u < 0 else ""), abs(u)
    if d == 0:
        return f"{sign}{n}"
    whole, frac = divmod(n, 10**d)
    return f"{sign}{whole}.{frac:0{d}d}"


def units(x: float, d: int) -> int:
    return int(round(x * 10**d))


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON string syntax is a subset of it)."""
    return json.dumps(text, ensure_ascii=False)


def sign_of(ind: str) -> int:
    return 1 if CATALOG[ind][3] == "up" else -1


def key(val: Val, ind: str) -> tuple:
    """How demanding a target is in the indicator's direction (strict beats equal)."""
    return (val.num * sign_of(ind), val.strict)


def cap_of(ind: str) -> Fraction | None:
    top = CATALOG[ind][5]
    return Fraction(top) if top is not None else None


# --- the places ----------------------------------------------------------------------------------


class Plan:
    __slots__ = ("id", "level", "place", "region", "upper", "children", "population", "rows", "order", "number", "file")

    def __init__(self, plan_id, level, place, region, upper, population, number_):
        self.id, self.level, self.place, self.region = plan_id, level, place, region
        self.upper, self.children, self.population, self.number = upper, [], population, number_
        self.rows: dict[str, Row] = {}
        self.order: list[str] = []
        self.file = None

    def chain(self) -> list[Plan]:
        """The plans above this one, the direct upper plan first."""
        plan, out = self.upper, []
        while plan is not None:
            out.append(plan)
            plan = plan.upper
        return out

    def subtree(self) -> list[Plan]:
        out, todo = [], list(self.children)
        while todo:
            plan = todo.pop()
            out.append(plan)
            todo += plan.children
        return out

    @property
    def province(self) -> Plan | None:
        return next((p for p in [self, *self.chain()] if p.level == "province"), None)


class Row:
    __slots__ = ("ind", "baseline", "target", "nature", "progress")

    def __init__(self, ind, baseline, target, nature):
        self.ind, self.baseline, self.target, self.nature = ind, baseline, target, nature
        self.progress = "clean"  # or "regression" / "lagging" (injected)


def split(total: int, parts: int, rng: random.Random) -> list[int]:
    """``total`` as ``parts`` positive integers of random size (largest remainder)."""
    weights = [rng.uniform(0.5, 1.5) for _ in range(parts)]
    spare = total - parts
    raw = [spare * w / sum(weights) for w in weights]
    counts = [1 + int(r) for r in raw]
    order = sorted(range(parts), key=lambda i: (-(raw[i] - int(raw[i])), i))
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def build_places(n_prov: int, n_city: int, n_county: int, rng: random.Random) -> list[Plan]:
    """The national plan, then each province followed by its cities, each followed by its counties."""
    wp, wc, wk = max(2, len(str(n_prov))), max(3, len(str(n_city))), max(4, len(str(n_county)))
    nation = Plan("national", "national", "全国", "全国", None, NATIONAL_POPULATION, 0)
    plans = [nation]
    cities_per = split(n_city, n_prov, rng)
    counties_per = split(n_county, n_city, rng)
    prov_weights = [rng.uniform(0.3, 2.0) for _ in range(n_prov)]
    city_no = county_no = 0
    for p in range(n_prov):
        pop = NATIONAL_POPULATION * prov_weights[p] / sum(prov_weights)
        place = f"省{p + 1:0{wp}d}"
        prov = Plan(f"p{p + 1:0{wp}d}", "province", place, place, nation, pop, p + 1)
        nation.children.append(prov)
        plans.append(prov)
        city_weights = [rng.uniform(0.5, 1.5) for _ in range(cities_per[p])]
        for cw in city_weights:
            city_no += 1
            cplace = f"市{city_no:0{wc}d}"
            city = Plan(
                f"{prov.id}-c{city_no:0{wc}d}",
                "city",
                cplace,
                prov.region + cplace,
                prov,
                pop * 0.95 * cw / sum(city_weights),
                city_no,
            )
            prov.children.append(city)
            plans.append(city)
            county_weights = [rng.uniform(0.5, 1.5) for _ in range(counties_per[city_no - 1])]
            for kw in county_weights:
                county_no += 1
                kplace = f"县{county_no:0{wk}d}"
                county = Plan(
                    f"{city.id}-k{county_no:0{wk}d}",
                    "county",
                    kplace,
                    city.region + kplace,
                    city,
                    city.population * 0.7 * kw / sum(county_weights),
                    county_no,
                )
                city.children.append(county)
                plans.append(county)
    return plans


# --- the clean dataset -----------------------------------------------------------------------------


def size_values(spec, population: float, rng: random.Random, cumulative: bool) -> tuple[Val, Val]:
    """Baseline and target of a count or five-year total, in proportion to the population."""
    _k, lo, hi, r_lo, r_hi, integer = spec
    raw = population * rng.uniform(lo, hi)
    d = 0 if integer else next((d for d, floor in ((0, 20), (1, 2), (2, 0.2)) if raw >= floor), 3)
    target = max(units(raw, d), 3 if integer else 20)
    base = min(max(units(raw * rng.uniform(r_lo, r_hi), d), 1), target - 1)
    return Val(base, d, cum=cumulative), Val(target, d, cum=cumulative)


def baseline_for(ind: str, target: Val, spec, rng: random.Random) -> Val:
    """A baseline worse than ``target`` by the spec's gap (at least ten printed units), inside the
    natural limits; a rising value stays above a quarter of its target."""
    db = spec[7]
    s = sign_of(ind)
    gap = max(units(rng.uniform(spec[4], spec[5]), db), 10)
    t = target.num * 10**db  # the target in baseline units (may be fractional)
    base = math.floor(t) - gap if s > 0 else math.ceil(t) + gap
    if s > 0:
        base = max(base, max(1, int(t) // 4))
        if base >= t:
            base = math.ceil(t) - 1
    return Val(base, db)


def comparable_target(ind: str, plan: Plan, spec, rng: random.Random) -> Val:
    """A target no weaker than that of any plan above that carries the indicator: the strongest of
    them repeated as printed, or better by at least one printed unit."""
    _k, lo, hi, step, _g1, _g2, dt, _db, p_equal, _c = spec
    above = [p.rows[ind].target for p in plan.chain() if ind in p.rows]
    s, cap = sign_of(ind), cap_of(ind)
    if not above:
        t = units(rng.uniform(lo, hi), dt)
        comparator = None
        if rng.random() < 0.1 and (cap is None or Fraction(t, 10**dt) < cap):
            comparator = ">=" if s > 0 else "<="
        return Val(t, dt, comparator)
    best = max(above, key=lambda v: key(v, ind))
    if step == 0 or rng.random() < p_equal:
        return best.copy()
    d = max(dt, best.d)
    candidate = best.at(d) + s * max(1, units(step * rng.uniform(0.2, 1.0), d))
    if d > dt:  # print it with the plan's own decimals where that still leaves it stronger
        coarse = candidate // 10 ** (d - dt) if s > 0 else -((-candidate) // 10 ** (d - dt))
        if (coarse * 10 ** (d - dt) - best.at(d)) * s > 0:
            candidate, d = coarse, dt
    value = Fraction(candidate, 10**d)
    if candidate <= 0 or (cap is not None and value > cap):
        return best.copy()
    comparator = None
    if rng.random() < 0.1 and (cap is None or value < cap):
        comparator = ">=" if s > 0 else "<="
    return Val(candidate, d, comparator)


def add_row(plan: Plan, ind: str, rng: random.Random) -> None:
    spec = SPECS[ind]
    upper_row = plan.upper.rows.get(ind) if plan.upper else None
    if upper_row is not None:
        nature = upper_row.nature
        if nature == "预期性" and rng.random() < 0.05:
            nature = "约束性"  # a lower plan may bind itself to more, never to less (PS304)
    else:
        nature = "约束性" if rng.random() < 0.25 else "预期性"
    if spec[0] == "qual":
        row = Row(ind, Val(qual="应保尽保"), Val(qual="应保尽保"), nature)
    elif spec[0] == "size":
        row = Row(ind, *size_values(spec, plan.population, rng, CATALOG[ind][4] == "cumulative"), nature)
    else:
        target = comparable_target(ind, plan, spec, rng)
        row = Row(ind, baseline_for(ind, target, spec, rng), target, nature)
    plan.rows[ind] = row
    plan.order.append(ind)


def fill_plans(plans: list[Plan], rng: random.Random) -> None:
    """Every plan carries all indicators of its upper plan (so PS302 has nothing to say) and adds
    a few of its own; parents come before their children in ``plans``."""
    nation = plans[0]
    for ind, nature, base, target, _spec in NATIONAL:
        nation.rows[ind] = Row(ind, Val.parse(base), Val.parse(target), nature)
        nation.order.append(ind)
    pool = sorted(EXTRAS)
    for plan in plans[1:]:
        for ind in plan.upper.order:
            add_row(plan, ind, rng)
        lo, hi = EXTRAS_PER_LEVEL[plan.level]
        free = [ind for ind in pool if ind not in plan.rows]
        for ind in rng.sample(free, rng.randint(lo, hi)):
            add_row(plan, ind, rng)


# --- injected cases -----------------------------------------------------------------------------------


def severity(nature: str) -> str:
    return "error" if nature == "约束性" else "warning"


def comparable(ind: str) -> bool:
    spec = SPECS[ind]
    return spec[0] == "cmp" and spec[9]


def weaker_number(ind: str, floor: Val | None, ceiling: Val, dt: int) -> tuple[int, int] | None:
    """A number (units, decimals) less ambitious than ``ceiling`` and more ambitious than
    ``floor`` (when given), at least one printed unit from each; None when there is no room."""
    s, cap = sign_of(ind), cap_of(ind)
    for d in range(max(dt, ceiling.d, floor.d if floor else 0), dt + 3):
        unit = Fraction(1, 10**d)
        if floor is None:
            candidate = ceiling.at(d) - s * max(2, units(float(abs(ceiling.num)) * 0.02, d))
        else:
            candidate = (ceiling.at(d) + floor.at(d)) // 2
        value = Fraction(candidate, 10**d)
        if (ceiling.num - value) * s < unit or (floor is not None and (value - floor.num) * s < unit):
            continue
        if candidate <= 0 or (cap is not None and value > cap):
            return None
        return candidate, d
    return None


def weaken(plan: Plan, ind: str, number_: tuple[int, int], rng: random.Random) -> None:
    """Give ``plan`` the plain target ``number_`` and, if needed, a baseline worse than it."""
    row = plan.rows[ind]
    row.target = Val(*number_)
    if (row.baseline.num - row.target.num) * sign_of(ind) >= 0:
        row.baseline = baseline_for(ind, row.target, SPECS[ind], rng)


def inject(plans: list[Plan], rng: random.Random) -> tuple[list[dict], dict]:
    nation = plans[0]
    provinces = [p for p in plans if p.level == "province"]
    lower = [p for p in plans if p.level in ("city", "county")]
    findings: list[dict] = []
    cases: dict[str, list[dict]] = {
        "own_conflict": [],
        "skipped_level": [],
        "inherited_gap": [],
        "regression": [],
        "lagging": [],
    }
    used: set[tuple[str, str]] = set()  # (plan, indicator) pairs that are part of a case
    reserved: set[tuple[str, str]] = set()  # (province, indicator): the whole province is part of a case

    def found(plan: Plan, ind: str, rule: str, sev: str) -> None:
        findings.append({"plan": plan.id, "indicator": ind, "rule": rule, "severity": sev})
        used.add((plan.id, ind))

    def block(plan: Plan, ind: str) -> None:  # the plan, every plan above it and every plan below it
        for p in [plan, *plan.chain(), *plan.subtree()]:
            used.add((p.id, ind))

    national_comparable = [i for i in NATIONAL_IDS if comparable(i)]
    national_binding = [i for i in national_comparable if nation.rows[i].nature == "约束性"]

    # 2. Skipped level: a province and some of its cities leave out a national 约束性 indicator;
    #    a county under such a city states it, less ambitious than the national plan (PS312). The
    #    province lacks an indicator of its upper plan (PS302); the cities do not (their upper
    #    plan, the province, lacks it too), and nor do the counties that leave it out.
    n_skip = min(len(provinces), max(1, round(SHARE_SKIP_PROVINCES * len(provinces))))
    skip_provinces = sorted(rng.sample(provinces, n_skip), key=lambda p: p.number)
    for prov in skip_provinces:
        ind = rng.choice(national_binding)
        reserved.add((prov.id, ind))
        upper_target = nation.rows[ind].target
        cities = sorted(
            rng.sample(prov.children, max(1, round(SHARE_SKIP_CITIES * len(prov.children)))), key=lambda p: p.number
        )
        omitted, weak = [prov], []
        for city in cities:
            omitted.append(city)
            chosen = rng.sample(city.children, max(1, round(SHARE_SKIP_COUNTIES * len(city.children))))
            for county in city.children:
                (weak if county in chosen else omitted).append(county)
        for plan in omitted:
            del plan.rows[ind]
            plan.order.remove(ind)
        found(prov, ind, "PS302", severity(nation.rows[ind].nature))
        for county in weak:
            weaken(county, ind, weaker_number(ind, None, upper_target, SPECS[ind][6]), rng)
            county.rows[ind].nature = "约束性"
            found(county, ind, "PS312", "error")
        cases["skipped_level"].append(
            {
                "province": prov.id,
                "indicator": ind,
                "national_target": upper_target.text,
                "left_out_by": [p.id for p in omitted],
                "counties": {c.id: c.rows[ind].target.text for c in weak},
            }
        )

    # 3. Inherited gap: a province less ambitious than the nation (PS303), and one or two of its
    #    cities repeating the province's target (PS313 on them); every other plan of the province
    #    stays at least as ambitious as the nation (so it has no PS313).
    rest = [p for p in provinces if p not in skip_provinces] or provinces
    n_inh = min(len(rest), max(1, round(SHARE_INHERITED_PROVINCES * len(provinces))))
    for i, prov in enumerate(sorted(rng.sample(rest, n_inh), key=lambda p: p.number)):
        want = "约束性" if i % 2 == 0 else "预期性"
        usable = [ind for ind in national_comparable if ind in prov.rows and (prov.id, ind) not in reserved]
        ind = rng.choice([ind for ind in usable if nation.rows[ind].nature == want] or usable)
        reserved.add((prov.id, ind))
        upper_target = nation.rows[ind].target
        weaken(prov, ind, weaker_number(ind, None, upper_target, SPECS[ind][6]), rng)
        found(prov, ind, "PS303", severity(nation.rows[ind].nature))
        cities = [c for c in prov.children if ind in c.rows]
        chosen = sorted(rng.sample(cities, min(len(cities), rng.randint(1, 2))), key=lambda p: p.number)
        for city in chosen:
            row = city.rows[ind]
            row.target = prov.rows[ind].target.copy()
            if (row.baseline.num - row.target.num) * sign_of(ind) >= 0:
                row.baseline = baseline_for(ind, row.target, SPECS[ind], rng)
            found(city, ind, "PS313", "info")
        cases["inherited_gap"].append(
            {
                "province": prov.id,
                "indicator": ind,
                "national_target": upper_target.text,
                "national_nature": nation.rows[ind].nature,
                "province_target": prov.rows[ind].target.text,
                "cities": [c.id for c in chosen],
            }
        )

    # 1. Own conflict: a city or county less ambitious than its direct upper plan, and at least as
    #    ambitious as every plan further up (so that PS303 is its only alignment finding).
    n_own = max(2, round(SHARE_OWN_CONFLICT * len(lower)))
    made = 0
    for plan in rng.sample(lower, len(lower)):
        if made >= n_own:
            break
        want = "约束性" if made % 2 == 0 else "预期性"
        options = []
        for ind in plan.order:
            upper_row = plan.upper.rows.get(ind)
            if (
                not comparable(ind)
                or upper_row is None
                or upper_row.nature != want
                or (plan.id, ind) in used
                or (plan.province.id, ind) in reserved
            ):
                continue
            others = [p.rows[ind].target for p in plan.chain()[1:] if ind in p.rows]
            floor = max(others, key=lambda v: key(v, ind)) if others else None
            number_ = weaker_number(ind, floor, upper_row.target, SPECS[ind][6])
            if number_ is not None:
                options.append((ind, number_))
        if not options:
            continue
        ind, number_ = rng.choice(options)
        weaken(plan, ind, number_, rng)
        block(plan, ind)
        found(plan, ind, "PS303", severity(plan.upper.rows[ind].nature))
        cases["own_conflict"].append(
            {
                "plan": plan.id,
                "indicator": ind,
                "target": plan.rows[ind].target.text,
                "upper": plan.upper.id,
                "upper_target": plan.upper.rows[ind].target.text,
                "upper_nature": plan.upper.rows[ind].nature,
            }
        )
        made += 1

    # 4. Regression (actual values below the baseline: PS503) and 5. lagging (2023 at a tenth of
    #    the way: PS502), on indicators no other case touches; severity follows the plan's nature.
    below = plans[1:]
    for case, rule, share in (("regression", "PS503", SHARE_REGRESSION), ("lagging", "PS502", SHARE_LAGGING)):
        wanted = max(2, round(share * len(below)))
        made = 0
        for plan in rng.sample(below, len(below)):
            if made >= wanted:
                break
            want = "约束性" if made % 2 == 0 else "预期性"
            options = [
                ind
                for ind in plan.order
                if SPECS[ind][0] != "qual"
                and (plan.id, ind) not in used
                and plan.rows[ind].nature == want
                and (case == "lagging" or (sign_of(ind) > 0 and not plan.rows[ind].target.cum))
            ]
            if not options:
                continue
            ind = rng.choice(options)
            plan.rows[ind].progress = case
            used.add((plan.id, ind))
            found(plan, ind, rule, severity(plan.rows[ind].nature))
            cases[case].append({"plan": plan.id, "indicator": ind, "nature": plan.rows[ind].nature})
            made += 1
    findings.sort(key=lambda f: (f["plan"], f["indicator"], f["rule"]))
    return findings, cases


# --- actual values --------------------------------------------------------------------------------------


def cagr_ratio(base: int, value: int, target: int, years: int, s: int) -> float:
    """Open SDG's ratio of observed to required growth (pubsvc --method cagr)."""
    y0, yi, yt = (float(x) or 0.001 for x in (base, value, target))
    required = (yt / y0) ** (1 / 5) - 1
    return s * ((yi / y0) ** (1 / years) - 1) / abs(required)


def actual_series(row: Row, rng: random.Random) -> list[tuple[int, str]]:
    """The observed values of one indicator: ahead of the linear path (and of the compound-growth
    path) in every year before 2025 and the target met in 2025; or, when injected, below the
    baseline from 2021 on (regression) or at 3 %, 6 % and 10 % of the way (lagging), for
    2021–2023 only."""
    ind, base, target = row.ind, row.baseline, row.target
    if target.qual:
        return [(y, "100") for y in YEARS]  # 应保尽保: full coverage every year
    s = sign_of(ind)
    if target.cum:  # yearly values; their running total is what pubsvc judges
        d, total = target.d, target.u
        if row.progress == "lagging":
            shares = [0.03, 0.06, 0.10]
        else:
            r = rng.uniform(1.15, 1.4)
            shares = [min(1.0, t / 5 * r) for t in range(1, 5)] + [1.0]
        sums = [math.ceil(total * share) for share in shares]
        for t, running in enumerate(sums[:4], start=1):
            if row.progress == "clean":
                assert running * 5 >= total * t  # ahead of the linear share
        if row.progress == "clean":
            sums[-1] = max(sums[-1], total) + rng.randint(0, 2)
        yearly = [sums[0]] + [b - a for a, b in zip(sums, sums[1:], strict=False)]
        return [(y, number(v, d)) for y, v in zip(YEARS, yearly, strict=False)]
    d = max(base.d, target.d) + 1
    b, t = base.at(d), target.at(d)
    gap = t - b
    cap = CATALOG[ind][5]
    cap_u = int(cap * 10**d) if cap is not None else None
    if row.progress == "regression":
        values = [max(b - max(1, round(abs(gap) * f)), b // 2) for f in (0.03, 0.08, 0.15)]
        assert all(0 <= v < b for v in values), (ind, b, values)
        return [(y, number(v, d)) for y, v in zip(YEARS, values, strict=False)]
    if row.progress == "lagging":
        return [(y, number(b + round(gap * f), d)) for y, f in zip(YEARS, (0.03, 0.06, 0.10), strict=False)]

    def met(v: int) -> bool:
        return (v - t) * s > 0 or ((v - t) * s == 0 and not target.strict)

    r = rng.uniform(1.15, 1.4)
    out = []
    for year_no in range(1, 5):
        share = min(0.97, year_no / 5 * r)
        v = b + round(gap * share)
        if s < 0 and b > 0 and t > 0:  # a falling value: also ahead of the compound-growth path
            v = min(v, round(b * (t / b) ** share))
        for _ in range(100_000):
            if met(v) or ((v - b) * 5 * s >= gap * year_no * s and cagr_ratio(b, v, t, year_no, s) >= 1.0):
                break
            v += s
        out.append(v)
    final = t + s * ((1 if target.strict else 0) + rng.randint(0, 2))
    if cap_u is not None:
        final = min(final, cap_u)
    out.append(final)
    assert met(final) and all(v >= 0 and (cap_u is None or v <= cap_u) for v in out), (ind, out)
    return [(y, number(v, d)) for y, v in zip(YEARS, out, strict=True)]


# --- rendering ---------------------------------------------------------------------------------------

CHAPTER = {
    "幼有所育": "第二章第一节",
    "学有所教": "第二章第二节",
    "劳有所得": "第二章第三节",
    "病有所医": "第二章第四节",
    "老有所养": "第二章第五节",
    "住有所居": "第二章第六节",
    "弱有所扶": "第二章第七节",
    "优军服务保障": "第二章第八节",
    "文体服务保障": "第二章第九节",
    None: "第二章第十节",
}
DOMAINS = [
    "幼有所育",
    "学有所教",
    "劳有所得",
    "病有所医",
    "老有所养",
    "住有所居",
    "弱有所扶",
    "优军服务保障",
    "文体服务保障",
]
LEAD = {  # 牵头负责单位 by domain: (province/city word, county word)
    "幼有所育": ("卫生健康委", "卫生健康局"),
    "学有所教": ("教育厅", "教育局"),
    "劳有所得": ("人力资源社会保障厅", "人力资源社会保障局"),
    "病有所医": ("卫生健康委", "卫生健康局"),
    "老有所养": ("民政厅", "民政局"),
    "住有所居": ("住房城乡建设厅", "住房城乡建设局"),
    "弱有所扶": ("民政厅", "民政局"),
    "优军服务保障": ("退役军人事务厅", "退役军人事务局"),
    "文体服务保障": ("文化和旅游厅", "文化广电体育和旅游局"),
}
FUNDING = {
    "幼有所育": "中央与地方共同财政事权，按规定分档分担",
    "学有所教": "中央与地方共同财政事权，按规定分档分担",
    "劳有所得": "地方财政事权，中央财政给予补助",
    "病有所医": "中央与地方共同财政事权，按规定分档分担",
    "老有所养": "中央与地方共同财政事权，地方财政统筹",
    "住有所居": "地方财政事权，中央财政给予适当补助",
    "弱有所扶": "中央与地方共同财政事权，按规定分档分担",
    "优军服务保障": "中央与地方共同财政事权",
    "文体服务保障": "地方财政事权，中央财政对困难地区给予补助",
}
LEVEL_WORD = {"national": "全国", "province": "全省", "city": "全市", "county": "全县"}
NATURE_WORD = {"约束性": "约束性指标，须确保完成", "预期性": "预期性指标，力争实现"}


def department(plan: Plan, domain: str) -> str:
    if plan.level == "national":
        return {
            "教育厅": "教育部",
            "民政厅": "民政部",
            "人力资源社会保障厅": "人力资源社会保障部",
            "住房城乡建设厅": "住房城乡建设部",
            "退役军人事务厅": "退役军人事务部",
            "文化和旅游厅": "文化和旅游部",
            "卫生健康委": "国家卫生健康委",
        }[LEAD[domain][0]]
    word = LEAD[domain][1] if plan.level == "county" else LEAD[domain][0]
    if plan.level == "city":
        word = word.replace("厅", "局")
    return plan.place + word


def plan_title(plan: Plan) -> str:
    return "“十四五”公共服务规划" if plan.level == "national" else f"{plan.place}公共服务“十四五”规划"


def statement_target(val: Val, ind: str) -> str:
    if val.qual or val.cum:
        return val.text
    words = {None: "达到" if sign_of(ind) > 0 else "控制在", ">=": "不低于", ">": "超过", "<=": "不超过", "<": "低于"}
    return words[val.cmp] + number(val.u, val.d)


def render_services(plan: Plan, rng: random.Random) -> list[str]:
    out = ["services:\n"]
    # A quarter of the counties print their list as a bare table of item names (as Sichuan's 表2 does,
    # with the standard's item ids); every other plan describes each service and restates its
    # quantitative standards (as Guilin's 专栏3–11 do).
    bare = plan.level == "county" and rng.random() < SHARE_BARE_SERVICE_LISTS
    explicit = bare or plan.level in ("national", "province")  # the others are matched by name
    number_in_domain: dict[str, int] = {}
    for item_id, name, domain, content, floors in SERVICE_ITEMS:
        box = f"专栏{DOMAINS.index(domain) + 3}"
        n = number_in_domain[domain] = number_in_domain.get(domain, 0) + 1
        out.append(f"  - name: {q(name)}\n    domain: {domain}\n    box: {box}\n    number: {n}\n")
        if explicit:
            out.append(f"    standard_item: {item_id}\n")
        if content and not bare:
            out.append(f"    description: {q(content)}\n")
        if floors and not bare:
            out.append("    standards:\n")
            for measure, floor, unit, per in floors:
                value = floor
                if plan.level == "province" and floor.isdigit() and int(floor) >= 100 and rng.random() < 0.3:
                    value = str(int(floor) + 10 * rng.randint(1, 5))  # a province may set more
                out.append(f"      - measure: {q(measure)}\n        value: {q(value)}\n        unit: {q(unit)}\n")
                if per:
                    out.append(f"        per: {q(per)}\n")
                said = measure + value + ("" if value.endswith(unit) else unit)
                out.append(f"        source: {{section: {box}, row: {n}, quote: {q(said)}}}\n")
        out.append(f"    source: {{section: {box}, row: {n}, quote: {q(f'{n}.{name}')}}}\n")
        if rng.random() < 0.2:
            out.append(f"    note: {q(f'支出责任：{FUNDING[domain]}；牵头负责单位：{department(plan, domain)}')}\n")
    return out


def render_plan(plan: Plan, rng: random.Random, seed: int) -> str:
    title = plan_title(plan)
    document = "national.md" if plan.level == "national" else f"{plan.id}-public-services-plan.txt"
    out = [
        "# yaml-language-server: $schema=../../schema/plan.schema.json\n",
        f"# 《{title}》 — synthetic: written by bench/generate.py (seed {seed}), not a real plan.\n",
        "plan:\n",
        f"  id: {plan.id}\n",
        f"  name: {q(title)}\n",
        f"  level: {plan.level}\n",
        f"  region: {q(plan.region)}\n",
        "  period: 2021-2025\n",
        "  base_year: 2020\n",
        f"  upper: {plan.upper.id if plan.upper else 'null'}\n",
        "  source:\n",
        f"    document: {q(document)}\n",
        "    section: 前言\n",
        f"    quote: {q(f'编制《{title}》（以下简称《规划》）')}\n",
        f"  note: {q(f'常住人口约{plan.population:.1f}万人（合成数据）；主要指标{len(plan.order)}项，基本公共服务项目{len(SERVICE_ITEMS)}项。')}\n",
        "\n",
        "# 专栏1 “十四五”时期公共服务主要指标. 〔〕 marks five-year cumulative totals.\n",
        "indicators:\n",
    ]
    scope = LEVEL_WORD[plan.level]
    for number_, ind in enumerate(plan.order, start=1):
        row = plan.rows[ind]
        name, category, unit, _d, _k, _m = CATALOG[ind]
        base, target = row.baseline, row.target
        out.append(f"  - id: {ind}\n    name: {q(name)}\n")
        if category:
            out.append(f"    category: {category}\n")
        out.append(
            f"    unit: {q(unit)}\n    baseline: {base.yaml()}\n    target: {target.yaml()}\n    nature: {row.nature}\n"
            f"    source:\n      section: 专栏1\n      row: {number_}\n"
            f"      quote: {q(f'{number_} {name} {unit} {base.text} {target.text} {row.nature}')}\n"
        )
        if plan.level != "national" and rng.random() < 0.5:
            said = statement_target(target, ind)
            shown_unit = "" if target.qual else unit.removeprefix("1")  # 控制在10.9/10万
            out.append(
                f"    statements:\n      - target: {q(said)}\n        source:\n          section: {CHAPTER[category]}\n"
                f"          quote: {q(f'到2025年，{scope}{name}{said}{shown_unit}')}\n"
            )
        if rng.random() < 0.25:
            out.append(
                f"    note: {q(f'{name}为{NATURE_WORD[row.nature]}；基期值为{BASE_YEAR}年统计数，目标值为{TARGET_YEAR}年。')}\n"
            )
        out.append("\n")
    out += render_services(plan, rng)
    return "".join(out)


# --- the whole run ---------------------------------------------------------------------------------------


def generate(out_dir: Path, n_prov: int, n_city: int, n_county: int, seed: int, place_names: bool) -> dict:
    if not 1 <= n_prov <= n_city <= n_county:
        raise SystemExit("need 1 <= provinces <= cities <= counties")
    started = time.perf_counter()
    plans = build_places(n_prov, n_city, n_county, random.Random(f"{seed}:places"))
    fill_plans(plans, random.Random(f"{seed}:values"))
    findings, cases = inject(plans, random.Random(f"{seed}:inject"))

    plan_dir = out_dir / "plans"
    plan_dir.mkdir(parents=True, exist_ok=True)
    for old in plan_dir.glob("*.yaml"):  # a previous run with other arguments
        old.unlink()
    text_rng = random.Random(f"{seed}:text")
    yaml_bytes = 0
    for plan in plans:
        plan.file = f"{plan.place if place_names else plan.id}.yaml"
        data = render_plan(plan, text_rng, seed).encode("utf-8")
        (plan_dir / plan.file).write_bytes(data)
        yaml_bytes += len(data)

    actual_rng = random.Random(f"{seed}:actuals")
    lines = ["plan,indicator,year,value\n"]
    for plan in plans:
        for ind in plan.order:
            for year, value in actual_series(plan.rows[ind], actual_rng):
                lines.append(f"{plan.id},{ind},{year},{value}\n")
    csv_data = "".join(lines).encode("utf-8")
    (out_dir / "actuals.csv").write_bytes(csv_data)

    # Info findings that a correct checker also gives (not part of the manifest's findings list).
    ps306 = sum(
        1
        for plan in plans[1:]
        for ind in plan.order
        if CATALOG[ind][4] in ("count", "cumulative") and ind in plan.upper.rows
    )
    flagged = {f["plan"] for f in findings}
    clean = [p for p in plans if p.id not in flagged]
    sample_rng = random.Random(f"{seed}:sample")
    sample = []
    for level in LEVELS:
        pool = [p.id for p in clean if p.level == level]
        sample += sorted(
            sample_rng.sample(pool, min(len(pool), {"national": 1, "province": 5, "city": 10, "county": 20}[level]))
        )
    counts_per_plan = [len(p.order) for p in plans]
    manifest = {
        "generator": {
            "script": "bench/generate.py",
            "seed": seed,
            "provinces": n_prov,
            "cities": n_city,
            "counties": n_county,
            "place_names": place_names,
        },
        "assessment": "pubsvc check --data-dir DIR --actuals DIR/actuals.csv <every plan file>, default options "
        "(--method linear, progress as of the latest year with data); the same findings hold for "
        "--method cagr and for any --year from 2021 to 2025",
        "findings": findings,
        "counts": {
            "plans": {level: sum(1 for p in plans if p.level == level) for level in LEVELS} | {"total": len(plans)},
            "indicators": sum(counts_per_plan),
            "indicators_per_plan": {
                "min": min(counts_per_plan),
                "max": max(counts_per_plan),
                "mean": round(sum(counts_per_plan) / len(plans), 2),
            },
            "services_per_plan": len(SERVICE_ITEMS),
            "actual_rows": len(lines) - 1,
            "actuals_csv_bytes": len(csv_data),
            "yaml_files": len(plans),
            "yaml_bytes": yaml_bytes,
            "findings_by_rule": {
                rule: sum(1 for f in findings if f["rule"] == rule) for rule in sorted({f["rule"] for f in findings})
            },
            "cases": {case: len(items) for case, items in cases.items()},
        },
        "expected_info": {
            "PS306": ps306,
            "note": "PS306 (info) for every count or five-year total a plan shares with its upper plan; no other "
            "info finding of PS2xx-PS5xx is expected besides the PS313 entries in findings",
        },
        "clean_plans": sample,
        "cases": cases,
        "files": {p.id: f"plans/{p.file}" for p in plans},
    }
    (out_dir / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    manifest["seconds"] = time.perf_counter() - started
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="output folder (plans/, actuals.csv, manifest.json)")
    parser.add_argument("--provinces", type=int, default=31)
    parser.add_argument("--cities", type=int, default=333)
    parser.add_argument("--counties", type=int, default=2843)
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument("--place-names", action="store_true", help="name plan files by place (全国.yaml, 省01.yaml …)")
    args = parser.parse_args(argv)
    m = generate(args.out, args.provinces, args.cities, args.counties, args.seed, args.place_names)
    c = m["counts"]
    print(
        f"{c['plans']['total']} plans ({c['yaml_bytes'] / 1e6:.1f} MB of YAML), {c['actual_rows']} actual rows "
        f"({c['actuals_csv_bytes'] / 1e6:.1f} MB), {len(m['findings'])} expected findings, "
        f"{m['seconds']:.1f} s → {args.out}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
